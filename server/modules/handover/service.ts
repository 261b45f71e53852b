import type { HandoverBatch, HandoverLetter } from "../../../shared/api/handover.js";
import type { FileIssue } from "../../../shared/api/users.js";
import { jstDayStart, jstToday } from "../../../shared/dates/jst.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { AppError, invalid, notFound } from "../../platform/errors.js";
import { readSpreadsheet } from "../../platform/files/spreadsheet.js";
import { enqueue } from "../../platform/jobs/queue.js";
import { defineJob } from "../../platform/jobs/worker.js";
import { authorize, can } from "../../platform/policy/authorize.js";
import { reassignMemberships } from "../bodies/index.js";
import { reassignOpenConsultations } from "../consultations/service.js";
import { copyNotificationPrefs, notify } from "../notifications/index.js";
import { reassignOpenEngagements } from "../support/index.js";
import { createInvitedUsers, deleteSessionsOf, findUser, updateUserRow } from "../users/index.js";
import { presentChange, type ResolvedChange, readTransferRows, resolveTransfers, type TransferRow } from "./plan.js";
import "./policy.js";
import { entriesOf, findBatch, insertBatch, insertEntries, listBatches, updateBatch } from "./repo.js";
import type { HandoverEntriesTable } from "./tables.js";

type File = { bytes: Buffer; name: string };

async function check(ctx: Ctx, file: File) {
  const book = await readSpreadsheet(file.bytes, file.name);
  const read = readTransferRows(book.sheets[0]?.grid ?? []);
  const resolved = await resolveTransfers(ctx, read.rows);
  const issues = [...read.issues, ...resolved.issues].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { rows: read.rows, changes: resolved.changes, issues };
}

const batchOf = (
  id: string | null,
  status: HandoverBatch["status"],
  fileName: string,
  effectiveDate: string | null,
  changes: ResolvedChange[],
  issues: FileIssue[],
): HandoverBatch => ({ id, status, fileName, effectiveDate, changes: changes.map(presentChange), issues, error: null });

/** The preview: every change the list would make, and every refusal by row and column; nothing is written. */
export async function previewHandover(ctx: Ctx, file: File): Promise<HandoverBatch> {
  authorize(ctx.actor, "handover.manage");
  const { changes, issues } = await check(ctx, file);
  return batchOf(null, "preview", file.name, null, changes, issues);
}

const refuse = (issues: FileIssue[]) =>
  invalid(`異動表に${issues.length}件の誤りがあります。何も変更していません。誤りを直してもう一度確認してください。`, issues);

/**
 * Applies a transfer list at once (one transaction for the whole list), or on its date: then the list is
 * kept and a job applies it on that morning, checking it again against the people registered then.
 */
export async function applyHandover(ctx: Ctx, file: File, mode: "now" | "scheduled"): Promise<HandoverBatch> {
  authorize(ctx.actor, "handover.manage");
  const { rows, changes, issues } = await check(ctx, file);
  if (issues.length) throw refuse(issues);
  const dates = [...new Set(rows.map((r) => r.date))];
  const date = dates[0] ?? null;
  if (mode === "scheduled" && dates.length > 1)
    throw invalid(`異動日が${dates.length}種類あります（${dates.join("、")}）。日付ごとにファイルを分けてください。`);
  const later = mode === "scheduled" && date !== null && date > jstToday();
  return inTx(ctx, async (tx) => {
    const id = newId();
    const now = nowIso();
    await insertBatch(tx, {
      id,
      file_name: file.name,
      status: later ? "scheduled" : "applied",
      effective_date: later ? date : null,
      plan: JSON.stringify(rows),
      error: null,
      created_by: tx.actor?.userId ?? null,
      created_at: now,
      applied_at: later ? null : now,
    });
    if (later) {
      await enqueue(tx, "handover.apply", { batchId: id }, { runAt: jstDayStart(date!), dedupeKey: `handover:${id}` });
      await recordAudit(tx, "handover.schedule", { type: "handover", id }, { file: file.name, date, people: rows.length });
      return batchOf(id, "scheduled", file.name, date, changes, []);
    }
    await carryOut(tx, id, changes);
    await recordAudit(tx, "handover.apply", { type: "handover", id }, { file: file.name, people: changes.length });
    return batchOf(id, "applied", file.name, null, changes, []);
  });
}

/** Every change of a checked list, in the caller's transaction: successors created, work moved, leavers disabled or moved, 引継ぎ書 lines. */
async function carryOut(tx: Ctx, batchId: string, changes: ResolvedChange[]) {
  const now = nowIso();
  const today = jstToday();
  const fresh = changes.filter((c) => c.newSuccessor);
  const created = await createInvitedUsers(
    tx,
    fresh.map((c) => ({ ...c.newSuccessor!, isOrgAdmin: false, department: "", title: "" })),
  );
  const createdIds = new Map(fresh.map((c, i) => [c, created[i]!.id]));
  const entries: HandoverEntriesTable[] = [];
  /** Existing successors (new ones get their invitation): whose work they received, how many items. */
  const received = new Map<string, { leavers: string[]; items: number }>();
  for (const c of changes) {
    if (c.successor) {
      const r = received.get(c.successor.id) ?? { leavers: [], items: 0 };
      r.leavers.push(c.leaver.name);
      r.items += c.items.length;
      received.set(c.successor.id, r);
    }
    const to = c.successor?.id ?? createdIds.get(c)!;
    const from = c.leaver.id;
    await reassignOpenConsultations(tx, from, to, now);
    await reassignOpenEngagements(tx, from, to);
    await reassignMemberships(tx, from, to, today);
    await copyNotificationPrefs(tx, from, to);
    await updateUserRow(
      tx,
      from,
      c.moveTo ? { org_id: c.moveTo.id, is_org_admin: 0, updated_at: now } : { status: "disabled", updated_at: now },
    );
    await deleteSessionsOf(tx, from);
    for (const item of c.items)
      entries.push({
        id: newId(),
        batch_id: batchId,
        successor_id: to,
        leaver_id: from,
        kind: item.kind,
        ref_id: item.refId,
        title: item.title,
        due: item.due,
        created_at: now,
      });
    await recordAudit(
      tx,
      "handover.person",
      { type: "user", id: from },
      {
        batchId,
        row: c.row.row,
        successor: to,
        successorCreated: !c.successor,
        leaver: c.moveTo ? { movedTo: c.moveTo.id } : { disabled: true },
        items: c.items.length,
      },
    );
  }
  await insertEntries(tx, entries);
  for (const [userId, r] of received)
    await notify(tx, {
      userIds: [userId],
      category: "account",
      title: "引継ぎ書が届きました",
      body: `人事異動により、${r.leavers.join("、")}さんの業務${r.items}件を引き継ぎました。引継ぎ書で内容と期限を確認してください。`,
      link: "/handover/mine",
    });
}

/** The job that applies a list on its date: checked again; a list that no longer fits is marked failed with why, nothing changed. */
defineJob("handover.apply", async (ctx, { batchId }: { batchId: string }) => {
  const batch = await findBatch(ctx, batchId);
  if (!batch || batch.status !== "scheduled") return;
  const rows = JSON.parse(batch.plan) as TransferRow[];
  try {
    await inTx(ctx, async (tx) => {
      const { changes, issues } = await resolveTransfers(tx, rows);
      if (issues.length) throw refuse(issues);
      await carryOut(tx, batchId, changes);
      await updateBatch(tx, batchId, { status: "applied", applied_at: nowIso() });
      await recordAudit(
        tx,
        "handover.apply",
        { type: "handover", id: batchId },
        { file: batch.file_name, people: changes.length },
      );
    });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const details = (err.details as { issues?: FileIssue[] } | undefined)?.issues ?? [];
    await updateBatch(ctx, batchId, {
      status: "failed",
      error: [err.message, ...details.map((i) => `${i.path}：${i.message}`)].join("\n"),
    });
  }
});

export async function listHandoverBatches(ctx: Ctx) {
  authorize(ctx.actor, "handover.manage");
  return {
    items: (await listBatches(ctx)).map((b) => ({
      id: b.id,
      status: b.status,
      fileName: b.file_name,
      effectiveDate: b.effective_date,
      people: (JSON.parse(b.plan) as unknown[]).length,
      createdAt: b.created_at,
      error: b.error,
    })),
  };
}

/** A successor's 引継ぎ書: everything they received, with due dates. Others' letters are a 404. */
export async function handoverLetter(ctx: Ctx, successorId: string): Promise<HandoverLetter> {
  authorize(ctx.actor, "handover.letter.read", { successorId: ctx.actor?.userId ?? "" });
  if (!can(ctx.actor, "handover.letter.read", { successorId })) throw notFound("引継ぎ書");
  const user = await findUser(ctx, successorId);
  if (!user) throw notFound("引継ぎ書");
  const rows = await entriesOf(ctx, successorId);
  return {
    successor: { id: user.id, name: user.name, org: user.org_name },
    entries: rows.map((r) => ({
      batchId: r.batch_id,
      appliedAt: r.created_at,
      from: r.leaver_name,
      kind: r.kind,
      refId: r.ref_id,
      title: r.title,
      due: r.due,
    })),
  };
}
