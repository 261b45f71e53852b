import { newSecret, sha256 } from "../../platform/auth/tokens.js";
import { type Ctx, nowIso } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { findTokenRow, insertTokenRow, markTokenUsed, markUnusedTokensUsed } from "./repo.js";

const lifetimeHours = { invite: 72, reset: 2 } as const;

/** Issues a one-time e-mail link token; only its hash is stored. */
export async function issueToken(ctx: Ctx, userId: string, kind: "invite" | "reset"): Promise<string> {
  const secret = newSecret();
  await insertTokenRow(ctx, {
    id: sha256(secret),
    user_id: userId,
    kind,
    expires_at: new Date(Date.now() + lifetimeHours[kind] * 3600_000).toISOString(),
    used_at: null,
    created_at: nowIso(),
  });
  return secret;
}

/** Finds a live token; `consume` marks it used (inside the caller's transaction). */
export async function checkToken(ctx: Ctx, secret: string, kind: "invite" | "reset", consume: boolean) {
  const row = await findTokenRow(ctx, sha256(secret), kind);
  if (!row) throw new AppError("NOT_FOUND", "このリンクは無効です。もう一度手続きをしてください。");
  if (row.used_at || row.expires_at < nowIso())
    throw new AppError("GONE", "このリンクは期限切れか、使用済みです。もう一度手続きをしてください。");
  if (consume) await markTokenUsed(ctx, row.id);
  return row;
}

/** Ends every unused link of this kind for the user (a password set by any way makes earlier reset links void). */
export async function revokeTokens(ctx: Ctx, userId: string, kind: "invite" | "reset"): Promise<void> {
  await markUnusedTokensUsed(ctx, userId, kind);
}
