import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { inTx } from "../context.js";
import { takeBackup } from "../ops/backup.js";
import { verifyInstallation } from "../ops/verify.js";
import { engine, type TestEnv, testEnv } from "../testing/harness.js";
import { verifyAuditChain } from "./chain.js";
import { recordAudit } from "./record.js";

let env: TestEnv;
const backups = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-audit-"));

beforeAll(async () => {
  env = await testEnv({ BACKUP_DIR: backups });
  return () => fs.rmSync(backups, { recursive: true, force: true });
});

const auditProblems = async () => (await verifyInstallation(env.ctx)).find((c) => c.name === "audit")!.problems;

/** What an intruder with the database owner's rights does first: switch the guard off. */
async function withoutGuard(fn: () => Promise<unknown>) {
  const db = env.ctx.db;
  if (engine === "postgres") {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(db);
    await fn();
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(db);
    return;
  }
  await sql`DROP TRIGGER audit_log_no_update`.execute(db);
  await sql`DROP TRIGGER audit_log_no_delete`.execute(db);
  await fn();
  await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END`.execute(db);
  await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused'); END`.execute(db);
}

describe(`the audit trail on ${engine}`, () => {
  it("forms one chain over the demo seed and the API's writes", async () => {
    const sec = await env.as("secretariat@example.jp");
    expect((await sec.patch(`/api/orgs/${env.demo.orgs["阿武町"]}`, { population: 3100 })).status).toBe(200);
    const report = await verifyAuditChain(env.ctx.db);
    expect(report.problems).toEqual([]);
    const last = await env.ctx.db.selectFrom("audit_log").selectAll().orderBy("seq", "desc").limit(2).execute();
    expect(last[0]).toMatchObject({ event: "org.update", seq: report.rows, prev_hash: last[1]!.hash });
    expect(report.head).toEqual({ seq: report.rows, hash: last[0]!.hash });
  });

  it("stays one chain when many transactions append at once", async () => {
    const before = (await verifyAuditChain(env.ctx.db)).rows;
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        inTx(env.ctx, async (tx) => {
          await tx.db.selectFrom("orgs").select("id").limit(1).execute();
          await recordAudit(tx, "audit.testConcurrent", { type: "test", id: String(i) });
          await new Promise((r) => setTimeout(r, 5));
          await recordAudit(tx, "audit.testConcurrent", { type: "test", id: `${i}b` });
        }),
      ),
    );
    const report = await verifyAuditChain(env.ctx.db);
    expect(report.problems).toEqual([]);
    expect(report.rows).toBe(before + 60);
  });

  it("refuses UPDATE, DELETE and rows written outside the chain", async () => {
    const db = env.ctx.db;
    await expect(sql`UPDATE audit_log SET event = 'x.y'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(db)).rejects.toThrow(/append-only/);
    if (engine === "postgres") await expect(sql`TRUNCATE audit_log`.execute(db)).rejects.toThrow(/append-only/);
    await expect(
      sql`INSERT INTO audit_log (id, at, event, subject_type) VALUES ('x', '2026-01-01T00:00:00Z', 'x.y', 'x')`.execute(db),
    ).rejects.toThrow(engine === "postgres" ? /null value in column "seq"/ : /chained/);
    expect(await auditProblems()).toEqual([]);
  });

  it("lets `renkei verify` name a changed row, a removed row and a removed tail", async () => {
    await takeBackup(env.ctx, path.join(backups, "renkei-1"));
    const rows = await env.ctx.db.selectFrom("audit_log").select(["seq", "id"]).orderBy("seq").execute();
    const [changed, removed] = [rows[3]!, rows[10]!];
    await withoutGuard(() =>
      env.ctx.db.updateTable("audit_log").set({ changes: '{"population":[1,2]}' }).where("id", "=", changed.id).execute(),
    );
    await withoutGuard(() => env.ctx.db.deleteFrom("audit_log").where("id", "=", removed.id).execute());
    const tail = rows.at(-1)!;
    await withoutGuard(() => env.ctx.db.deleteFrom("audit_log").where("id", "=", tail.id).execute());
    const problems = await auditProblems();
    expect(problems).toContainEqual(
      expect.stringMatching(new RegExp(`^audit row #${changed.seq} \\(${changed.id}, .*\\) was changed$`)),
    );
    expect(problems).toContain(`audit rows #${removed.seq}–#${removed.seq} were removed`);
    expect(problems).toContain(`audit row #${tail.seq}, recorded by a backup, is missing: the end of the trail was removed`);
  });
});

declare module "./record.js" {
  interface AuditEvents {
    /** Only this test's concurrent appends. */
    "audit.testConcurrent": true;
  }
}
