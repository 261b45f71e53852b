import { hash, verify } from "@node-rs/argon2";
import { passwordProblems } from "../../../shared/api/auth.js";
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

/** Password rules (shared/api/auth.ts), with the e-mail address the browser may not know: a 400 naming what is wrong. */
export function checkPasswordRules(password: string, email?: string, field = "password"): void {
  const problems = passwordProblems(password, email);
  if (problems.length)
    throw invalid(`パスワードが条件を満たしていません：${problems.join("、")}。`, [
      { path: field, message: problems.join("、") },
    ]);
}
