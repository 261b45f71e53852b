/**
 * bench:public-site — the public council site at national scale: COUNCILS councils' worth (default 47,
 * one per prefecture) of published bodies, meetings, 次第, materials and 議事要旨 in one instance, then
 *   - p50/p95 of the top page, a council's page, the meeting list and a meeting page (app.inject, no sign-in);
 *   - the time and size of the static export (the ZIP for the prefecture's CMS).
 *   npm run bench:public-site                   (SQLite, then PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set)
 *   COUNCILS=5 RUNS=50 npm run bench:public-site
 * Data is inserted directly (one transaction per council); material files are small distinct PDFs-to-be
 * (bytes with a PDF header) written under DATA_DIR/files as the store lays them out.
 */
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { siteExport } from "../server/modules/publication/export.js";
import type { Ctx } from "../server/platform/context.js";
import { LocalBlobStore } from "../server/platform/files/blob-local.js";
import { benchApp, onEachEngine, openBenchDatabase, percentile } from "./support.js";

const councils = Number(process.env.COUNCILS ?? 47);
const runs = Number(process.env.RUNS ?? 200);
const years = [2024, 2025, 2026];
/** Per council: the council itself and four working groups / subcommittees. */
const perYear = { council: 2, group: 3 };
const itemsPerMeeting = 5;
const materialsPerMeeting = 5;

const iso = (fy: number, n: number, hour: number) =>
  new Date(Date.UTC(fy, 4 + ((n * 3) % 10), 1 + ((n * 7) % 27), hour - 9)).toISOString();

async function fill(ctx: Ctx) {
  const now = new Date().toISOString();
  let meetings = 0;
  let materials = 0;
  let bytes = 0;
  const ids = { council: "", meeting: "" };
  for (let c = 0; c < councils; c++) {
    await ctx.db.transaction().execute(async (db) => {
      const tx = { ...ctx, db };
      const body = (kind: "council" | "working_group" | "subcommittee", name: string, parent: string | null) => {
        const id = randomUUID();
        return db
          .insertInto("bodies")
          .values({
            id,
            kind,
            parent_id: parent,
            name,
            name_en: null,
            theme: "デジタル・ガバメントの構築",
            description: `${name}は、県と市町村が連携してデジタル化に取り組むための会議体です。`,
            visibility: "all",
            created_at: now,
            updated_at: now,
          })
          .execute()
          .then(() => id);
      };
      const council = await body("council", `第${c + 1}県デジタル・ガバメント推進協議会`, null);
      if (c === 0) ids.council = council;
      const groups = [
        await body("working_group", `第${c + 1}県 標準化WG`, council),
        await body("working_group", `第${c + 1}県 オンライン化WG`, council),
        await body("working_group", `第${c + 1}県 共同調達WG`, council),
        await body("subcommittee", `第${c + 1}県 デジタルデバイド対策部会`, council),
      ];
      for (const fy of years)
        for (const [b, n] of [[council, perYear.council] as const, ...groups.map((g) => [g, perYear.group] as const)])
          for (let seq = 1; seq <= n; seq++) {
            const id = randomUUID();
            meetings++;
            if (!ids.meeting) ids.meeting = id;
            await db
              .insertInto("meetings")
              .values({
                id,
                body_id: b,
                fiscal_year: fy,
                seq,
                subtitle: null,
                kind: "hybrid",
                starts_at: iso(fy, seq, 14),
                ends_at: iso(fy, seq, 16),
                place: "県庁 共用第1会議室",
                online_url: null,
                description: "国の動向と各団体の取組状況を共有します。",
                status: "minutes_published",
                proposal_deadline: null,
                attendance_deadline: null,
                cancel_reason: null,
                previous_id: null,
                agenda_template: "[]",
                created_by: null,
                announced_at: now,
                created_at: now,
                updated_at: now,
                disclosure: "public",
                minutes_disclosure: "public",
              })
              .execute();
            const items = Array.from({ length: itemsPerMeeting }, () => randomUUID());
            await db
              .insertInto("agenda_items")
              .values(
                items.map((item, i) => ({
                  id: item,
                  body_id: b,
                  meeting_id: id,
                  origin_meeting_id: null,
                  status: "accepted",
                  title: `議題${i + 1} 自治体情報システムの標準化・共通化に係る進捗状況について`,
                  purpose: "",
                  presenter: "事務局",
                  minutes_requested: 15,
                  duration_minutes: 15,
                  position: i + 1,
                  proposer_org_id: null,
                  proposed_by: null,
                  decision_reason: null,
                  decided_by: null,
                  decided_at: now,
                  source_ref: null,
                  created_at: now,
                  updated_at: now,
                  disclosure: i === itemsPerMeeting - 1 ? ("closed" as const) : ("public" as const),
                })),
              )
              .execute();
            for (let k = 0; k < materialsPerMeeting; k++) {
              const data = Buffer.from(`%PDF-1.4\n% ${id} ${k}\n${"資料本文 ".repeat(200)}\n%%EOF\n`);
              const sha256 = createHash("sha256").update(data).digest("hex");
              const file = new LocalBlobStore(tx.config.dataDir).path(sha256);
              fs.mkdirSync(path.dirname(file), { recursive: true });
              fs.writeFileSync(file, data);
              bytes += data.length;
              const fileId = randomUUID();
              await db
                .insertInto("files")
                .values({
                  id: fileId,
                  sha256,
                  size: data.length,
                  mime: "application/pdf",
                  name: `資料${k + 1}.pdf`,
                  created_by: null,
                  created_at: now,
                })
                .execute();
              const mat = randomUUID();
              materials++;
              await db
                .insertInto("meeting_materials")
                .values({
                  id: mat,
                  meeting_id: id,
                  agenda_item_id: items[k % (itemsPerMeeting - 1)]!,
                  title: `資料${k + 1} 進捗状況の一覧`,
                  current_version: 1,
                  position: k + 1,
                  created_by: null,
                  created_at: now,
                  updated_at: now,
                  deleted_at: null,
                  disclosure: "public",
                })
                .execute();
              await db
                .insertInto("material_versions")
                .values({ id: randomUUID(), material_id: mat, version: 1, file_id: fileId, uploaded_by: null, created_at: now })
                .execute();
            }
            await db
              .insertInto("meeting_minutes")
              .values({
                id: randomUUID(),
                meeting_id: id,
                revision: 1,
                body_md: `## 議事要旨\n\n${"各団体から標準化の進捗が報告され、移行計画の課題を共有した。\n\n".repeat(20)}`,
                outcomes: "{}",
                status: "published",
                correction_reason: null,
                approved_by: null,
                approved_at: now,
                published_by: null,
                published_at: now,
                created_by: null,
                created_at: now,
                updated_at: now,
              })
              .execute();
          }
    });
  }
  return { meetings, materials, bytes, ids };
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

await onEachEngine(async (engine, databaseUrl) => {
  const b = await openBenchDatabase({ databaseUrl });
  try {
    await b.seedDemo();
    const t0 = performance.now();
    const data = await fill(b.ctx);
    console.log(
      `\n${engine}: ${councils} councils, ${data.meetings} published meetings, ${data.materials} materials (${mb(data.bytes)}) — filled in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const app = await benchApp(b);
    const pages = {
      "top page (/public/)": "/public/",
      "a council's page": `/public/bodies/${data.ids.council}.html`,
      "the meeting list": "/public/meetings.html",
      "a meeting page": `/public/meetings/${data.ids.meeting}.html`,
    };
    for (const [label, url] of Object.entries(pages)) {
      const times: number[] = [];
      let size = 0;
      const n = label === "the meeting list" ? Math.max(10, Math.round(runs / 10)) : runs;
      for (let i = 0; i < n + 5; i++) {
        const s = performance.now();
        const res = await app.inject({ url });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
        if (i >= 5) times.push(performance.now() - s);
        size = res.rawPayload.length;
      }
      console.log(
        `  ${label.padEnd(22)} p50 ${ms(percentile(times, 50))}  p95 ${ms(percentile(times, 95))}  (${(size / 1024).toFixed(0)} KB, ${n} runs)`,
      );
    }
    const s = performance.now();
    const { stream, entries } = await siteExport(b.ctx);
    const out = path.join(b.dataDir, "export.zip");
    await new Promise<void>((resolve, reject) => {
      const w = fs.createWriteStream(out);
      stream.pipe(w).on("finish", () => resolve());
      w.on("error", reject);
    });
    console.log(
      `  static export          ${((performance.now() - s) / 1000).toFixed(1)} s, ${mb(fs.statSync(out).size)}, ${entries} files`,
    );
    await app.close();
  } finally {
    await b.close();
  }
});
