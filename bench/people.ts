/**
 * People: the bulk import of 50,000 users (dry run, then the real run with invitations in the outbox) and
 * a 人事異動 of 5,000 people who each hold open items (a consultation they asked, a seat on a working
 * group, notification settings): preview, then apply in one transaction. Time and peak memory, printed.
 *
 *   npm run bench:people                 (SQLite; PostgreSQL too when BENCH_DATABASE_URL / TEST_DATABASE_URL is set)
 *   PEOPLE_USERS=10000 PEOPLE_HANDOVER=1000 npm run bench:people
 */

import { applyHandover, previewHandover } from "../server/modules/handover/service.js";
import { importUsers } from "../server/modules/users/bulk.js";
import type { Actor, Ctx } from "../server/platform/context.js";
import { newId, nowIso } from "../server/platform/context.js";
import { onEachEngine, openBenchDatabase } from "./support.js";

const USERS = Number(process.env.PEOPLE_USERS ?? 50_000);
const HANDOVER = Number(process.env.PEOPLE_HANDOVER ?? 5_000);

/**
 * Runs fn: seconds, the process's peak resident memory so far (getrusage maxRSS, which also catches the
 * synchronous SQLite stretches a timer cannot sample), and the heap sampled between awaits and at the end.
 */
async function measure<T>(label: string, fn: () => Promise<T>): Promise<T> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().heapUsed;
  let peakHeap = base;
  const timer = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 10);
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    clearInterval(timer);
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    const s = (performance.now() - t0) / 1000;
    const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
    const maxRss = process.resourceUsage().maxRSS * 1024;
    console.log(
      `  ${label.padEnd(42)} ${s.toFixed(2).padStart(7)} s   peak RSS so far ${mb(maxRss).padStart(5)} MB   heap +${mb(peakHeap - base)} MB`,
    );
  }
}

await onEachEngine(async (engine, databaseUrl) => {
  console.log(`\n${engine}: ${USERS.toLocaleString()} users imported, ${HANDOVER.toLocaleString()} people handed over`);
  const b = await openBenchDatabase({ databaseUrl });
  try {
    const demo = await b.seedDemo();
    const adminId = demo.users["admin@example.jp"]!;
    const secId = demo.users["secretariat@example.jp"]!;
    const pref = await b.ctx.db.selectFrom("orgs").selectAll().where("kind", "=", "prefecture").executeTakeFirstOrThrow();
    const towns = await b.ctx.db
      .selectFrom("orgs")
      .select(["id", "lg_code"])
      .where("kind", "!=", "prefecture")
      .where("lg_code", "is not", null)
      .execute();
    const actor = (userId: string, role: Actor["role"]): Ctx => ({
      ...b.ctx,
      actor: {
        userId,
        orgId: pref.id,
        orgKind: "prefecture",
        role,
        isOrgAdmin: false,
        email: "",
        name: "ベンチ",
        twoFactorEnabled: true,
      },
    });

    // Users i and i + USERS/2 work in the same town, so the second half can succeed the first.
    const half = Math.floor(USERS / 2);
    const townOf = (i: number) => towns[(i % half) % towns.length]!;
    const lines = ["団体コード,氏名,メールアドレス,役割,所属"];
    for (let i = 0; i < USERS; i++)
      lines.push(`${townOf(i).lg_code},職員 ${i},staff${i}@bench.example.jp,市町村職員,デジタル推進課`);
    const usersCsv = { bytes: Buffer.from(lines.join("\r\n")), name: "職員一覧.csv" };
    const dry = await measure("import: dry run (parse, check every row)", () =>
      importUsers(actor(adminId, "admin"), usersCsv, { dryRun: true }),
    );
    if (dry.issues.length) throw new Error(`bench file has issues: ${JSON.stringify(dry.issues.slice(0, 3))}`);
    const done = await measure("import: apply (users, links, mails, audit)", () =>
      importUsers(actor(adminId, "admin"), usersCsv, { dryRun: false }),
    );
    console.log(`    created ${done.created.toLocaleString()} users and ${done.invited.toLocaleString()} invitations`);

    // The leavers' open items, written as the owning modules would have (fixtures, like the demo seed).
    const ids = new Map(
      (
        await b.ctx.db.selectFrom("users").select(["id", "email"]).where("email", "like", "staff%@bench.example.jp").execute()
      ).map((u) => [u.email, u.id]),
    );
    const wg = demo.bodies.wgRpa;
    const now = nowIso();
    const members = [];
    const prefs = [];
    const consultations = [];
    for (let i = 0; i < HANDOVER; i++) {
      const id = ids.get(`staff${i}@bench.example.jp`)!;
      members.push({
        id: newId(),
        body_id: wg,
        org_id: null,
        user_id: id,
        position: "member" as const,
        term_start: null,
        term_end: null,
        created_at: now,
      });
      prefs.push(
        { user_id: id, category: "meeting", mode: "digest" as const },
        { user_id: id, category: "survey", mode: "immediate" as const },
      );
      consultations.push({
        id: newId(),
        org_id: townOf(i).id,
        created_by: id,
        category: "online" as const,
        subject: `手続オンライン化の相談 ${i}`,
        body: "",
        urgency: "normal" as const,
        preferred_contact: "portal" as const,
        contact_note: "",
        channel: "portal" as const,
        asker_name: "",
        asker_user_id: id,
        status: "in_progress" as const,
        assignee_id: secId,
        merged_into_id: null,
        first_response_at: null,
        resolved_at: null,
        closed_at: null,
        paused_since: null,
        first_response_due: "2027-04-10",
        resolution_due: "2027-05-10",
        next_due: "2027-04-10",
        last_activity_at: now,
        created_at: now,
        updated_at: now,
      });
    }
    for (let i = 0; i < HANDOVER; i += 300) {
      await b.ctx.db
        .insertInto("body_members")
        .values(members.slice(i, i + 300))
        .execute();
      await b.ctx.db
        .insertInto("notification_prefs")
        .values(prefs.slice(2 * i, 2 * i + 600))
        .execute();
      await b.ctx.db
        .insertInto("consultations")
        .values(consultations.slice(i, i + 300))
        .execute();
    }

    const list = ["異動者メールアドレス,後任メールアドレス,異動日"];
    for (let i = 0; i < HANDOVER; i++) list.push(`staff${i}@bench.example.jp,staff${i + half}@bench.example.jp,2027-04-01`);
    const listCsv = { bytes: Buffer.from(list.join("\r\n")), name: "人事異動.csv" };
    const preview = await measure("handover: preview (resolve, gather items)", () =>
      previewHandover(actor(secId, "secretariat"), listCsv),
    );
    if (preview.issues.length) throw new Error(`bench list has issues: ${JSON.stringify(preview.issues.slice(0, 3))}`);
    const items = preview.changes.reduce((n, c) => n + c.items.length, 0);
    const applied = await measure("handover: apply (one transaction)", () =>
      applyHandover(actor(secId, "secretariat"), listCsv, "now"),
    );
    console.log(`    ${applied.changes.length.toLocaleString()} people, ${items.toLocaleString()} open items moved`);
  } finally {
    await b.close();
  }
});
