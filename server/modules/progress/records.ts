import type { ProgressRecord, RecordUpdate } from "../../../shared/api/progress.js";
import { jstDate } from "../../../shared/dates/jst.js";
import { type Ctx, inTx } from "../../platform/context.js";
import { notFound } from "../../platform/errors.js";
import { findFile, type StoredFile } from "../../platform/files/store.js";
import { documentKinds } from "../../platform/files/types.js";
import type { Upload } from "../../platform/files/upload.js";
import { authorize, can } from "../../platform/policy/authorize.js";
import "./policy.js";
import { presentHistory } from "./history.js";
import { countHistory, historyChangesSince, historyFileId, labelsFor, recordHistoryRows } from "./history-repo.js";
import { presentItem, toPercent } from "./present.js";
import { findOrg, findRecordId, findUpdater } from "./records-repo.js";
import {
  findItem,
  findProgramme,
  listMetricRows,
  listStepRows,
  loadItemDefs,
  loadRecords,
  municipalKinds,
  recordKey,
} from "./repo.js";
import { asOfCutoff, computeRecordState, emptyRecord, isOverdue, notStarted, type RecordData } from "./rules.js";
import { type RecordChanges, rewindRecord } from "./update-rules.js";
import { applyProgressUpdates } from "./updates.js";

async function municipality(ctx: Ctx, orgId: string) {
  const org = await findOrg(ctx, orgId);
  if (!org || !(municipalKinds as readonly string[]).includes(org.kind)) throw notFound("市町村");
  return org;
}

/**
 * One municipality's record for one item: steps (or metrics), dates, the exception flag and
 * its state. With `asOf`, the record as it was at the end of that day (rewound from its history).
 * Also the read the consultations module uses to show a support engagement's item.
 */
export async function getRecord(ctx: Ctx, orgId: string, itemId: string, opts: { asOf?: string } = {}): Promise<ProgressRecord> {
  authorize(ctx.actor, "progress.read");
  const org = await municipality(ctx, orgId);
  const item = await findItem(ctx, itemId);
  if (!item) throw notFound("取組項目");
  const programme = (await findProgramme(ctx, item.programme_id))!;
  const loaded = (await loadItemDefs(ctx, [itemId])).get(itemId)!;
  const found = (await loadRecords(ctx, [itemId], [orgId])).get(recordKey(orgId, itemId));
  let data: RecordData = found?.data ?? emptyRecord();
  let exists = !!found;
  if (found && opts.asOf) {
    const later = await historyChangesSince(ctx, found.row.id, asOfCutoff(opts.asOf));
    const changes = later.map((h) => JSON.parse(h.changes) as RecordChanges & { created?: boolean });
    exists = !changes.some((c) => c.created);
    data = exists ? rewindRecord(data, changes) : emptyRecord();
  }
  const state = computeRecordState(loaded.def, data);
  const [steps, metrics] = await Promise.all([listStepRows(ctx, [itemId], true), listMetricRows(ctx, [itemId], true)]);
  const updater = found?.row.updated_by ? await findUpdater(ctx, found.row.updated_by) : undefined;
  return {
    id: exists ? (found?.row.id ?? null) : null,
    org,
    programme: {
      id: programme.id,
      name: programme.name,
      exceptionLabel: programme.exception_label,
      deadline: programme.deadline,
    },
    item: presentItem(item, steps, metrics),
    asOf: opts.asOf ?? null,
    pct: exists ? toPercent(state.pct) : null,
    done: state.done,
    inProgress: state.inProgress,
    applicable: state.applicable,
    dueDate: state.dueDate,
    overdue: exists && isOverdue(state.dueDate, opts.asOf ?? jstDate()),
    metricFy: state.metricFy,
    exception: { flagged: data.exception, reason: data.exceptionReason, revisedTarget: data.revisedTarget },
    steps: loaded.def.steps.map((s) => ({ stepId: s.id, ...(data.steps[s.id] ?? notStarted) })),
    metrics: Object.entries(data.metrics)
      .map(([key, v]) => ({ metricId: key.split(":")[0]!, fiscalYear: Number(key.split(":")[1]), ...v }))
      .sort((a, b) => b.fiscalYear - a.fiscalYear),
    version: found?.row.version ?? 0,
    updatedAt: opts.asOf ? null : (found?.row.updated_at ?? null),
    updatedBy: opts.asOf || !updater ? null : updater,
    abilities: { canEdit: !opts.asOf && can(ctx.actor, "progress.update", { orgId }) },
  };
}

/** The edit form: a manual change with its note and evidence, through the one write path. */
export async function updateRecord(ctx: Ctx, orgId: string, itemId: string, body: RecordUpdate): Promise<ProgressRecord> {
  authorize(ctx.actor, "progress.updateAny");
  await municipality(ctx, orgId);
  if (!(await findItem(ctx, itemId))) throw notFound("取組項目");
  await applyProgressUpdates(ctx, [{ ...body, orgId, itemId }], { source: "manual" });
  return getRecord(ctx, orgId, itemId);
}

export async function listRecordHistory(ctx: Ctx, orgId: string, itemId: string, page: { limit: number; offset: number }) {
  authorize(ctx.actor, "progress.read");
  await municipality(ctx, orgId);
  if (!(await findItem(ctx, itemId))) throw notFound("取組項目");
  const rec = await findRecordId(ctx, orgId, itemId);
  if (!rec) return { items: [], total: 0 };
  const total = await countHistory(ctx, rec.id);
  const rows = await recordHistoryRows(ctx, rec.id, page);
  const labels = await labelsFor(ctx, [itemId]);
  return { items: rows.map((r) => presentHistory(r, labels)), total };
}

/** Evidence is stored by the uploader first, then attached to a change (evidenceFileId). */
export async function storeEvidence(ctx: Ctx, upload: Upload) {
  authorize(ctx.actor, "progress.updateAny");
  return inTx(ctx, async (tx) => {
    const { files } = await upload.store(tx, { kinds: documentKinds });
    const f = files[0];
    if (!f) throw notFound("アップロードされたファイル");
    return { id: f.id, name: f.name, size: f.size };
  });
}

/** An evidence file attached to a history entry: readable by everyone who reads progress. */
export async function evidenceFile(ctx: Ctx, historyId: string): Promise<StoredFile> {
  authorize(ctx.actor, "progress.read");
  const fileId = await historyFileId(ctx, historyId);
  const file = fileId ? await findFile(ctx, fileId) : undefined;
  if (!file) throw notFound("添付ファイル");
  return file;
}
