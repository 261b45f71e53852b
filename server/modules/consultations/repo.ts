import { sql } from "kysely";
import type { z } from "zod";
import type { queueQuery } from "../../../shared/api/consultations.js";
import type { Actor, Ctx } from "../../platform/context.js";
import { isPrefectureStaff } from "../../platform/context.js";
import { contains } from "../../platform/db/contains.js";
import type { Db, Engine } from "../../platform/db/database.js";
import { pageTotal } from "../../platform/db/page-total.js";
import { preparedQuery } from "../../platform/db/prepared.js";
import type {
  ConsultationAttachmentsTable,
  ConsultationMessagesTable,
  ConsultationPausesTable,
  ConsultationsTable,
} from "./tables.js";

export type ConsultationRow = ConsultationsTable;
const openStatuses = ["new", "in_progress", "waiting"] as const;
/** next_due of a consultation whose clock does not run (see tables.ts). */
export const noDue = "9999-12-31";

/** The columns every list and detail shows: the row, its organisation and the people on it. */
const base = (db: Db) =>
  db
    .selectFrom("consultations as c")
    .innerJoin("orgs as o", "o.id", "c.org_id")
    .leftJoin("users as cu", "cu.id", "c.created_by")
    .leftJoin("users as au", "au.id", "c.assignee_id")
    .selectAll("c")
    .select([
      "o.name as org_name",
      "o.kind as org_kind",
      "o.population as org_population",
      "cu.name as creator_name",
      "au.name as assignee_name",
    ]);

export type ConsultationWithNames = Awaited<ReturnType<ReturnType<typeof base>["executeTakeFirstOrThrow"]>>;

export const findConsultation = (ctx: Ctx, id: string) => base(ctx.db).where("c.id", "=", id).executeTakeFirst();

type QueueFilter = Omit<z.infer<typeof queueQuery>, "limit" | "offset"> & { limit?: number; offset?: number; soonUntil?: string };

function statusList(status: string | undefined): string[] | null {
  if (!status || status === "all") return null;
  if (status === "open") return [...openStatuses];
  return status.split(",").filter(Boolean);
}

/**
 * The queue's filters with the actor and today's dates in one flat record (see preparedQuery): what
 * decides the query's shape is a flag or one of the named literals, everything else is a value.
 */
interface QueueParams {
  /** Prefecture staff see every organisation's consultations; others only their own (ownOrgId). */
  staff: boolean;
  ownOrgId: string;
  status?: string;
  category?: string;
  orgId?: string;
  unassigned: boolean;
  assigneeId?: string;
  q?: string;
  due?: QueueFilter["due"];
  today: string;
  soonUntil: string;
  sort: QueueFilter["sort"];
  limit?: number;
  offset: number;
}

function queueParams(actor: Actor, f: QueueFilter, today: string): QueueParams {
  return {
    staff: isPrefectureStaff(actor),
    ownOrgId: actor.orgId,
    status: f.status,
    category: f.category,
    orgId: f.orgId,
    unassigned: f.assigneeId === "none",
    assigneeId: f.assigneeId === "me" ? actor.userId : f.assigneeId === "none" ? undefined : f.assigneeId,
    q: f.q,
    due: f.due,
    today,
    soonUntil: f.soonUntil ?? today,
    sort: f.sort,
    limit: f.limit,
    offset: f.offset ?? 0,
  };
}

/** The queue's filters, on any query over "consultations as c". */
function applyFilters<Q extends { where: (...args: any[]) => Q }>(engine: Engine, q: Q, p: QueueParams): Q {
  const w = (col: string, op: string, v: unknown) => q.where(col, op, v);
  if (!p.staff) q = w("c.org_id", "=", p.ownOrgId);
  // "open" as the literal NOT IN (resolved, closed): the same rows, and written exactly as the partial
  // indexes of the open queue are (migration 0711), so both engines read those small indexes.
  if (p.status === "open") q = q.where(sql<boolean>`c.status not in ('resolved', 'closed')`);
  else if (statusList(p.status)) q = w("c.status", "in", statusList(p.status));
  if (p.category) q = w("c.category", "=", p.category);
  if (p.orgId) q = w("c.org_id", "=", p.orgId);
  if (p.unassigned) q = w("c.assignee_id", "is", null);
  else if (p.assigneeId) q = w("c.assignee_id", "=", p.assigneeId);
  if (p.q) q = q.where(contains({ engine }, "c.subject", p.q));
  if (p.due === "paused") q = w("c.status", "=", "waiting");
  else if (p.due === "overdue") q = w("c.next_due", "<", p.today);
  else if (p.due === "due_soon") q = w("c.next_due", ">=", p.today).where("c.next_due", "<=", p.soonUntil);
  else if (p.due === "on_track") q = w("c.next_due", ">", p.soonUntil).where("c.next_due", "<", noDue);
  return q;
}

/** The queue's order: due date first (among equals the oldest, first come first served), newest, or latest activity; the id breaks ties. */
function sorted<Q extends { orderBy: (...args: any[]) => Q }>(q: Q, sort: QueueFilter["sort"]): Q {
  if (sort === "newest") q = q.orderBy("c.created_at", "desc").orderBy("c.id", "desc");
  else if (sort === "activity") q = q.orderBy("c.last_activity_at", "desc").orderBy("c.id", "desc");
  else q = q.orderBy("c.next_due").orderBy("c.created_at").orderBy("c.id");
  return q;
}

const filteredIds = (db: Db, engine: Engine, p: QueueParams) => applyFilters(engine, db.selectFrom("consultations as c"), p);

const queuePage = preparedQuery(
  (db, p: QueueParams, engine) => {
    let q = applyFilters(engine, base(db), p);
    if (p.limit !== undefined)
      q = base(db).where(
        "c.id",
        "in",
        sorted(filteredIds(db, engine, p).select("c.id"), p.sort)
          .limit(p.limit)
          .offset(p.offset),
      );
    return sorted(q, p.sort);
  },
  { bound: ["offset"], literal: ["status", "due", "sort"] },
);

/**
 * The queue: the actor's visible consultations (own organisation unless prefecture staff), filtered
 * and sorted. The page's ids, and the count when the page is full, come from the bare table
 * (index-only, migration 0711); only the page's rows are joined to names.
 */
export async function queueRows(ctx: Ctx, actor: Actor, f: QueueFilter, today: string) {
  const p = queueParams(actor, f, today);
  const rows = await queuePage(ctx.db, ctx.engine, p);
  const paging = { limit: p.limit ?? Number.POSITIVE_INFINITY, offset: p.limit === undefined ? 0 : p.offset };
  const total = await pageTotal(rows, paging, () => filteredIds(ctx.db, ctx.engine, p));
  return { rows, total };
}

const pausesIn = preparedQuery((db, p: { ids: string[] }) =>
  db.selectFrom("consultation_pauses").selectAll().where("consultation_id", "in", p.ids).orderBy("started_at"),
);

/** Pauses of the given consultations, fetched in chunks so long exports stay within parameter limits. */
export async function pausesOf(ctx: Ctx, ids: string[]): Promise<ConsultationPausesTable[]> {
  const out: ConsultationPausesTable[] = [];
  for (let i = 0; i < ids.length; i += 500) out.push(...(await pausesIn(ctx.db, ctx.engine, { ids: ids.slice(i, i + 500) })));
  return out;
}

/** Groups rows by consultation id. */
export function byConsultation<T extends { consultation_id: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const list = map.get(r.consultation_id);
    if (list) list.push(r);
    else map.set(r.consultation_id, [r]);
  }
  return map;
}

export const messagesOf = (ctx: Ctx, id: string, withNotes: boolean) => {
  let q = ctx.db
    .selectFrom("consultation_messages as m")
    .leftJoin("users as u", "u.id", "m.author_id")
    .leftJoin("orgs as o", "o.id", "u.org_id")
    .selectAll("m")
    .select(["u.name as author_name", "u.role as author_role", "o.name as author_org"])
    .where("m.consultation_id", "=", id);
  if (!withNotes) q = q.where("m.kind", "!=", "note");
  return q.orderBy("m.created_at").orderBy("m.id").execute();
};

export const attachmentsOf = (ctx: Ctx, id: string) =>
  ctx.db
    .selectFrom("consultation_attachments as a")
    .innerJoin("files as f", "f.id", "a.file_id")
    .leftJoin("consultation_messages as m", "m.id", "a.message_id")
    .select(["a.id", "a.message_id", "f.name", "f.size", "f.mime", "m.kind as message_kind"])
    .where("a.consultation_id", "=", id)
    .orderBy("a.created_at")
    .execute();

export const findAttachment = (ctx: Ctx, consultationId: string, id: string) =>
  ctx.db
    .selectFrom("consultation_attachments as a")
    .innerJoin("files as f", "f.id", "a.file_id")
    .leftJoin("consultation_messages as m", "m.id", "a.message_id")
    .selectAll("f")
    .select(["m.kind as message_kind"])
    .where("a.consultation_id", "=", consultationId)
    .where("a.id", "=", id)
    .executeTakeFirst();

export const mergedInto = (ctx: Ctx, id: string) =>
  ctx.db.selectFrom("consultations").select(["id", "subject"]).where("merged_into_id", "=", id).orderBy("created_at").execute();

export async function insertMessage(ctx: Ctx, row: ConsultationMessagesTable) {
  await ctx.db.insertInto("consultation_messages").values(row).execute();
}

/** The bodies of the replies on a consultation (not notes or system lines), oldest first. */
export async function replyBodies(ctx: Ctx, id: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom("consultation_messages")
    .select("body")
    .where("consultation_id", "=", id)
    .where("kind", "=", "reply")
    .orderBy("created_at")
    .execute();
  return rows.map((r) => r.body);
}

export async function insertAttachment(ctx: Ctx, row: ConsultationAttachmentsTable) {
  await ctx.db.insertInto("consultation_attachments").values(row).execute();
}

export async function insertPause(ctx: Ctx, row: ConsultationPausesTable) {
  await ctx.db.insertInto("consultation_pauses").values(row).execute();
}

/** Ends the consultation's running pause, if any. */
export async function endOpenPause(ctx: Ctx, consultationId: string, at: string) {
  await ctx.db
    .updateTable("consultation_pauses")
    .set({ ended_at: at })
    .where("consultation_id", "=", consultationId)
    .where("ended_at", "is", null)
    .execute();
}

/** The report's rows: consultations filed in [fromIso, toIso), duplicates left out (counted once, in their target), with their organisation. */
export const reportRows = (ctx: Ctx, fromIso: string, toIso: string) =>
  ctx.db
    .selectFrom("consultations as c")
    .innerJoin("orgs as o", "o.id", "c.org_id")
    .select([
      "c.id",
      "c.org_id",
      "c.category",
      "c.channel",
      "c.status",
      "c.urgency",
      "c.created_at",
      "c.first_response_at",
      "c.resolved_at",
      "c.closed_at",
    ])
    .select(["o.name", "o.kind", "o.population", "o.lg_code"])
    .where("c.created_at", ">=", fromIso)
    .where("c.created_at", "<", toIso)
    .where("c.merged_into_id", "is", null)
    .execute();

/** The asking organisation of a consultation and the names of everyone in it (what a FAQ draft must not name). */
export async function askingOrgWithPeople(ctx: Ctx, id: string) {
  const org = await ctx.db
    .selectFrom("consultations as c")
    .innerJoin("orgs as o", "o.id", "c.org_id")
    .select(["o.id", "o.name", "o.kind"])
    .where("c.id", "=", id)
    .executeTakeFirst();
  if (!org) return undefined;
  const people = await ctx.db.selectFrom("users").select("name").where("org_id", "=", org.id).execute();
  return { org, people: people.map((p) => p.name) };
}

/** The bodies of the replies prefecture staff wrote on a consultation, oldest first. */
export async function staffReplyBodies(ctx: Ctx, id: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom("consultation_messages as m")
    .innerJoin("users as u", "u.id", "m.author_id")
    .select("m.body")
    .where("m.consultation_id", "=", id)
    .where("m.kind", "=", "reply")
    .where("u.role", "in", ["admin", "secretariat", "specialist"])
    .orderBy("m.created_at")
    .execute();
  return rows.map((r) => r.body);
}

export async function insertConsultation(ctx: Ctx, row: ConsultationRow) {
  await ctx.db.insertInto("consultations").values(row).execute();
}
export async function updateConsultation(ctx: Ctx, id: string, patch: Partial<ConsultationRow>) {
  await ctx.db.updateTable("consultations").set(patch).where("id", "=", id).execute();
}

/** Active prefecture staff, with how many open consultations each holds (for the assign menu and workload). */
export const staffWithLoad = (ctx: Ctx) =>
  ctx.db
    .selectFrom("users as u")
    .leftJoin("consultations as c", (j) => j.onRef("c.assignee_id", "=", "u.id").on("c.status", "in", [...openStatuses]))
    .select(["u.id", "u.name", "u.role"])
    .select((eb) => eb.fn.count<number>("c.id").as("open_count"))
    .where("u.role", "in", ["admin", "secretariat", "specialist"])
    .where("u.status", "=", "active")
    .groupBy(["u.id", "u.name", "u.role"])
    .orderBy("u.role", "desc")
    .orderBy("u.name")
    .execute();

/** Active desk staff (specialists and the secretariat), who hear of new consultations. */
export async function activeDeskUserIds(ctx: Ctx): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom("users")
    .select("id")
    .where("role", "in", ["specialist", "secretariat"])
    .where("status", "=", "active")
    .execute();
  return rows.map((r) => r.id);
}
