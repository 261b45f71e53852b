import { hash, verify } from "@node-rs/argon2";
import { invalid } from "../errors.js";

// Algorithm 2 = argon2id.
const argon2id = 2;

export function hashPassword(password: string, memoryCost = 19456): Promise<string> {
  return hash(password, { algorithm: argon2id, memoryCost, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(hashed: string | null, password: string): Promise<boolean> {
  if (!hashed) return false;
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/** Password rules: 12+ characters, at least two kinds of letters, digits and symbols, not the e-mail. */
export function checkPasswordRules(password: string, email?: string, field = "password"): void {
  const problems: string[] = [];
  if (password.length < 12) problems.push("12文字以上にしてください");
  if (password.length > 200) problems.push("200文字以内にしてください");
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (kinds < 2) problems.push("英小文字・英大文字・数字・記号のうち2種類以上を含めてください");
  const local = email?.split("@")[0]?.toLowerCase() ?? "";
  if (local.length >= 4 && password.toLowerCase().includes(local)) problems.push("メールアドレスを含めないでください");
  if (problems.length)
    throw invalid(`パスワードが条件を満たしていません：${problems.join("、")}。`, [
      { path: field, message: problems.join("、") },
    ]);
}
