import { clocks } from "../server/modules/consultations/clock.js";
import type { ConsultationsTable } from "../server/modules/consultations/tables.js";
import type { Ctx } from "../server/platform/context.js";
import { consultationCategories, urgencies } from "../shared/api/consultations.js";
import { jstDate } from "../shared/dates/jst.js";

/** Deterministic pseudo-random numbers, so every run measures the same data. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const topics = [
  "住民基本台帳の標準化に向けたフィット＆ギャップ分析",
  "ガバメントクラウドへの移行スケジュール",
  "マイナポータルでの子育て手続のオンライン申請",
  "介護保険の電子申請様式",
  "AI-OCRの読取精度と帳票設計",
  "RPAシナリオの保守体制",
  "高齢者向けスマホ教室の開催方法",
  "庁内ネットワークの三層分離の見直し",
  "標準準拠システムの移行経費の補助",
  "電子申請の決済手数料",
  "LGWAN接続系とインターネット接続系の分離",
  "罹災証明書のオンライン申請",
  "税務システムの標準仕様書の読み方",
  "特定移行支援システムの申請手続",
  "公金受取口座の登録促進",
  "セキュリティポリシーの改定",
];
const details = [
  "ベンダーから資料をもらいましたが、どこから確認すればよいか分かりません。",
  "他の団体ではどのように進めているか教えてください。",
  "職員が少なく、担当者が一人で対応しています。",
  "来年度の予算要求に間に合わせたいと考えています。",
  "住民からの問い合わせが増えています。",
];

const pick = <T>(r: () => number, list: readonly T[]) => list[Math.floor(r() * list.length)]!;

/** Inserts rows in batches inside one transaction per batch (parameter limits of both engines). */
async function insertBatches<T extends object>(ctx: Ctx, table: string, rows: T[], size = 400) {
  for (let i = 0; i < rows.length; i += size)
    await (ctx.db as any)
      .insertInto(table)
      .values(rows.slice(i, i + size))
      .execute();
}

export interface DeskData {
  staffIds: string[];
  orgIds: string[];
  municipalUserByOrg: Map<string, string>;
}

/**
 * n consultations over the last two years, with threads (replies both ways and internal notes),
 * pauses for those waiting, and cached due dates computed by the real clock.
 */
export async function generateConsultations(ctx: Ctx, n: number, d: DeskData) {
  const r = rng(42);
  const now = Date.now();
  const today = jstDate();
  for (let start = 0; start < n; start += 2000) {
    const rows: ConsultationsTable[] = [];
    const messages: Record<string, unknown>[] = [];
    const pauses: Record<string, unknown>[] = [];
    for (let i = start; i < Math.min(n, start + 2000); i++) {
      const id = crypto.randomUUID();
      const ageDays = Math.floor(r() ** 1.5 * 730);
      const created = new Date(now - ageDays * 86400_000 - Math.floor(r() * 8) * 3600_000).toISOString();
      const orgId = pick(r, d.orgIds);
      const author = d.municipalUserByOrg.get(orgId)!;
      const recent = ageDays < 20;
      const status = recent
        ? pick(r, ["new", "in_progress", "waiting", "in_progress", "resolved"] as const)
        : pick(r, ["closed", "closed", "resolved", "closed", "in_progress"] as const);
      const assignee = status === "new" ? null : pick(r, d.staffIds);
      const urgency = pick(r, urgencies);
      const later = (days: number) => new Date(Date.parse(created) + days * 86400_000).toISOString();
      const firstAt = status === "new" ? null : later(0.5 + r() * 3);
      const resolvedAt = status === "resolved" || status === "closed" ? later(2 + r() * 15) : null;
      const row: ConsultationsTable = {
        id,
        org_id: orgId,
        created_by: author,
        category: pick(r, consultationCategories),
        subject: `${pick(r, topics)}について（${i}）`,
        body: `${pick(r, details)}${pick(r, details)}`,
        urgency,
        preferred_contact: "portal",
        contact_note: "",
        channel: "portal",
        asker_name: "",
        asker_user_id: null,
        status,
        assignee_id: assignee,
        merged_into_id: null,
        first_response_at: firstAt,
        resolved_at: resolvedAt,
        closed_at: status === "closed" ? resolvedAt : null,
        paused_since: status === "waiting" ? later(1) : null,
        first_response_due: null,
        resolution_due: null,
        next_due: "9999-12-31",
        last_activity_at: resolvedAt ?? firstAt ?? created,
        created_at: created,
        updated_at: created,
      };
      const ps =
        status === "waiting"
          ? [{ id: crypto.randomUUID(), consultation_id: id, reason: "waiting", started_at: later(1), ended_at: null }]
          : [];
      const c = clocks(row, ps as never, today);
      row.first_response_due = c.firstResponse.due;
      row.resolution_due = c.resolution.due;
      const running = [c.firstResponse, c.resolution].filter((v) => !["met", "missed", "paused"].includes(v.state));
      row.next_due = ["waiting", "resolved", "closed"].includes(status)
        ? "9999-12-31"
        : (running.map((v) => v.due).sort()[0] ?? "9999-12-31");
      rows.push(row);
      pauses.push(...ps);
      if (firstAt) {
        messages.push({
          id: crypto.randomUUID(),
          consultation_id: id,
          author_id: assignee,
          kind: "reply",
          body: "資料を確認しました。標準仕様書の該当箇所をご案内します。",
          created_at: firstAt,
        });
        messages.push({
          id: crypto.randomUUID(),
          consultation_id: id,
          author_id: assignee,
          kind: "note",
          body: "内部メモ：類似の相談あり",
          created_at: firstAt,
        });
        messages.push({
          id: crypto.randomUUID(),
          consultation_id: id,
          author_id: author,
          kind: "reply",
          body: "ありがとうございます。確認します。",
          created_at: later(1),
        });
      }
    }
    await ctx.db.transaction().execute(async (trx) => {
      const tx = { ...ctx, db: trx };
      await insertBatches(tx, "consultations", rows, 300);
      await insertBatches(tx, "consultation_messages", messages, 1000);
      if (pauses.length) await insertBatches(tx, "consultation_pauses", pauses, 1000);
    });
  }
}

/** Published FAQ articles made from the same topics with varied wording. */
export async function generateFaq(ctx: Ctx, n: number, createdBy: string) {
  const r = rng(7);
  const rows: Record<string, unknown>[] = [];
  const now = new Date().toISOString();
  for (let i = 0; i < n; i++) {
    rows.push({
      id: crypto.randomUUID(),
      category: pick(r, consultationCategories),
      question: `${pick(r, topics)}はどう進めればよいですか（事例${i}）`,
      answer: `${pick(r, details)}標準仕様書と現行業務を比較し、${pick(r, topics)}の観点で整理します。${pick(r, details)}`,
      status: "published",
      source_consultation_id: null,
      reviewed_by: createdBy,
      reviewed_at: now,
      published_at: now,
      created_by: createdBy,
      created_at: now,
      updated_at: now,
    });
  }
  await ctx.db.transaction().execute((trx) => insertBatches({ ...ctx, db: trx }, "faq_articles", rows, 500));
}

export const typedQuestions = topics.map((t, i) => `${t}について相談です。${details[i % details.length]}`);
