import { createHash } from "node:crypto";
import type { Db, Tx } from "../db/database.js";
import type { AuditLogTable } from "../db/schema.js";

/**
 * The audit trail is a hash chain: row n carries the hash of row n-1 (`prev_hash`) and its own
 * `hash` over its sequence number, that previous hash and every recorded field. Changing a row
 * breaks its own hash; removing one leaves a gap in `seq` and breaks the next row's `prev_hash`.
 * The input below is frozen: changing it would make every existing row look tampered with.
 */
export function auditHash(r: Omit<AuditLogTable, "hash">): string {
  const fields = [
    r.seq,
    r.prev_hash,
    r.id,
    r.at,
    r.actor_user_id,
    r.actor_org_id,
    r.ip,
    r.user_agent,
    r.event,
    r.subject_type,
    r.subject_id,
    r.changes,
  ];
  return createHash("sha256").update(JSON.stringify(fields)).digest("hex");
}

export interface AuditHead {
  seq: number;
  hash: string;
}

export interface ChainReport {
  rows: number;
  /** The newest row of the chain; a backup's manifest records it so a removed tail shows later. */
  head: AuditHead | null;
  /** What was found changed, removed or inserted out of the chain, in sequence order. */
  problems: string[];
}

const PAGE = 5000;
const MAX_LISTED = 50;

/** Walks the whole chain in sequence order and reports every row changed, removed or added outside it. */
export async function verifyAuditChain(db: Db | Tx, anchors: AuditHead[] = []): Promise<ChainReport> {
  const problems: string[] = [];
  let hidden = 0;
  const report = (p: string) => (problems.length < MAX_LISTED ? problems.push(p) : hidden++);
  const unchained = await db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where((eb) => eb.or([eb("seq", "is", null), eb("hash", "is", null)]))
    .executeTakeFirstOrThrow();
  if (Number(unchained.n) > 0) report(`${unchained.n} audit rows are outside the chain (no sequence number or hash)`);

  let rows = 0;
  let prev: AuditHead | null = null;
  for (;;) {
    const after: number = prev?.seq ?? 0;
    const page: AuditLogTable[] = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("seq", ">", after)
      .orderBy("seq")
      .limit(PAGE)
      .execute();
    for (const r of page) {
      const seq = Number(r.seq);
      const expected: number = (prev?.seq ?? 0) + 1;
      if (seq !== expected) report(`audit rows #${expected}–#${seq - 1} were removed`);
      else if (r.prev_hash !== (prev?.hash ?? null)) report(`audit row #${seq} (${r.id}) does not follow row #${seq - 1}`);
      if (auditHash({ ...r, seq }) !== r.hash) report(`audit row #${seq} (${r.id}, ${r.event}) was changed`);
      prev = { seq, hash: r.hash as string };
      rows++;
    }
    if (page.length < PAGE) break;
  }
  for (const a of anchors) {
    const row = await db.selectFrom("audit_log").select("hash").where("seq", "=", a.seq).executeTakeFirst();
    if (!row) report(`audit row #${a.seq}, recorded by a backup, is missing: the end of the trail was removed`);
    else if (row.hash !== a.hash) report(`audit row #${a.seq} differs from the one a backup recorded`);
  }
  if (hidden) problems.push(`…and ${hidden} more`);
  return { rows, head: prev, problems };
}
