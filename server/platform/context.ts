import type { Config } from "../config.js";
import type { Db, Engine, Tx } from "./db/database.js";
import type { DB } from "./db/schema.js";

export type Role = DB["users"]["role"];

/** Who is acting. Services receive it through the context; null means a signed-out visitor or a job. */
export interface Actor {
  userId: string;
  orgId: string;
  orgKind: DB["orgs"]["kind"];
  role: Role;
  isOrgAdmin: boolean;
  email: string;
  name: string;
  twoFactorEnabled: boolean;
}

/** Everything a service call needs: the database (or the open transaction), the actor and request facts. */
export interface Ctx {
  db: Db | Tx;
  engine: Engine;
  config: Config;
  actor: Actor | null;
  ip: string | null;
  userAgent: string | null;
  /** The cache counters read with the session of a GET (platform/db/versioned-cache.ts). */
  versions?: ReadonlyMap<string, number>;
}

export const prefectureRoles: readonly Role[] = ["admin", "secretariat", "specialist"];
export const isPrefectureStaff = (actor: Actor | null) => !!actor && prefectureRoles.includes(actor.role);

/** Runs fn in one transaction; nested calls reuse the open one. Every mutation and its audit row go through here. */
export async function inTx<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx);
  return (ctx.db as Db).transaction().execute((trx) => fn({ ...ctx, db: trx }));
}

let last = { at: Number.NaN, text: "" };
/** The current instant as an ISO string (the same string while the clock stays in one millisecond). */
export const nowIso = () => {
  const at = Date.now();
  if (at !== last.at) last = { at, text: new Date(at).toISOString() };
  return last.text;
};
export const newId = () => crypto.randomUUID();
