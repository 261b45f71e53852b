import { z } from "zod";
import { pageOf, pageQuery } from "./paging.js";
import { roles } from "./roles.js";

/** One signed-in session of a user (accounts hygiene, issue 17). */
const sessionItem = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** The single sign-on provider signed in with, or null for a password. */
  provider: z.string().nullable(),
  /** The session making this request. */
  current: z.boolean(),
});
export const sessionList = pageOf(sessionItem);
export type SessionItem = z.infer<typeof sessionItem>;

export const userSessionParams = z.object({
  id: z.uuid({ error: "IDの形式が正しくありません" }),
  sessionId: z.string().regex(/^[0-9a-f]{64}$/, "セッションIDの形式が正しくありません"),
});

/** An account not used for ACCOUNT_DORMANT_DAYS days. */
const dormantAccount = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(roles),
  org: z.object({ id: z.string(), name: z.string() }),
  lastSeenAt: z.string().nullable(),
  createdAt: z.string(),
});
export const dormantList = pageOf(dormantAccount).extend({ days: z.number().int() });
export type DormantList = z.infer<typeof dormantList>;
export const dormantQuery = pageQuery;
