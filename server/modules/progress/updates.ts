import { jstDate } from "../../../shared/dates/jst.js";
import type { FieldIssue } from "../../../shared/errors.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { conflict, forbidden, invalid } from "../../platform/errors.js";
import { authorize, can } from "../../platform/policy/authorize.js";
import "./policy.js";
import { filesUploadedBy, findOrgs } from "./records-repo.js";
import { type LoadedItem, loadItemDefs, loadRecords, municipalKinds, type RecordRow, recordKey } from "./repo.js";
import { computeRecordState, emptyRecord, type RecordData } from "./rules.js";
import type { HistorySource } from "./tables.js";
import { applyUpdate, diffRecord, hasChanges, type ProgressUpdate, type RecordChanges } from "./update-rules.js";
import { type RecordWrite, writeRecords } from "./writer.js";

export type { ProgressUpdate } from "./update-rules.js";

export interface ApplyOptions {
  /** Where the change comes from; kept in the history ("manual", "import", "survey", …). */
  source: HistorySource;
  /** Validate and compute everything, write nothing. */
  dryRun?: boolean;
  /**
   * An update for an organisation the actor may not write: "throw" answers 403 at once (a manual
   * edit), "issue" reports it with the other problems (an import listing every bad row).
   */
  onForbidden?: "throw" | "issue";
}

export interface AppliedChange {
  ref: string | null;
  orgId: string;
  itemId: string;
  recordId: string | null;
  pctBefore: number | null;
  pctAfter: number | null;
  changes: RecordChanges;
}

export interface ApplyResult {
  dryRun: boolean;
  /** Records changed (or, in a dry run, that would change). */
  applied: number;
  unchanged: number;
  issues: FieldIssue[];
  changes: AppliedChange[];
}

/**
 * Validates and applies progress updates with the rules, history and audit of a manual edit —
 * the one write path for the edit form, the spreadsheet import and the surveys module.
 * All or nothing: with any problem nothing is written and the problems come back as
 * VALIDATION_FAILED issues (or, with dryRun, in the result). See ProgressUpdate for the input shape.
 * The actor must be signed in; a municipal user may write only their own organisation's records.
 */
export async function applyProgressUpdates(ctx: Ctx, updates: ProgressUpdate[], opts: ApplyOptions): Promise<ApplyResult> {
  authorize(ctx.actor, "progress.updateAny");
  const run = async (tx: Ctx) => {
    const result = await prepare(tx, updates, opts);
    if (opts.dryRun) return result;
    if (result.issues.length) throw invalid(`${result.issues.length}件の誤りがあります。何も保存していません。`, result.issues);
    await writeRecords(tx, result.writes, {
      at: nowIso(),
      actorUserId: tx.actor!.userId,
      actorOrgId: tx.actor!.orgId,
      source: opts.source,
      ip: tx.ip,
      userAgent: tx.userAgent,
      audit: true,
    });
    return result;
  };
  const { writes: _w, ...result } = opts.dryRun ? await run(ctx) : await inTx(ctx, run);
  return { ...result, dryRun: !!opts.dryRun };
}

async function prepare(ctx: Ctx, updates: ProgressUpdate[], opts: ApplyOptions) {
  const issues: FieldIssue[] = [];
  const defs = await loadItemDefs(
    ctx,
    updates.map((u) => u.itemId),
  );
  const orgIds = [...new Set(updates.map((u) => u.orgId))];
  const orgs = new Map((await findOrgs(ctx, orgIds)).map((o) => [o.id, o]));
  const files = await evidenceFiles(ctx, updates);
  const records = await loadRecords(ctx, [...defs.keys()], orgIds, { lock: !opts.dryRun });
  const work = new Map<string, { row: RecordRow | null; before: RecordData; after: RecordData; def: LoadedItem }>();
  const meta = new Map<string, { note: string | null; fileId: string | null; ref: string | null }>();
  const today = jstDate();
  let skipped = 0;

  for (const [i, u] of updates.entries()) {
    const prefix = u.ref != null ? `${u.ref}.` : updates.length === 1 ? "" : `updates.${i}.`;
    const issue = (field: string, message: string) => issues.push({ path: `${prefix}${field}`, message });
    const org = orgs.get(u.orgId);
    const loaded = defs.get(u.itemId);
    if (!org || !(municipalKinds as readonly string[]).includes(org.kind)) {
      issue("orgId", "登録されていない市町村です");
      continue;
    }
    if (!loaded || loaded.item.archived || loaded.programme.archived) {
      issue("itemId", "登録されていない取組項目です");
      continue;
    }
    if (!can(ctx.actor, "progress.update", { orgId: u.orgId })) {
      if ((opts.onForbidden ?? "throw") === "throw") throw forbidden("他の団体の取組状況は更新できません。");
      // A sheet of the whole prefecture may come back with other towns' rows untouched: only a change is refused.
      const current = records.get(recordKey(u.orgId, u.itemId))?.data ?? emptyRecord();
      const { after } = applyUpdate(loaded.def, current, { ...u, note: null, evidenceFileId: null }, today);
      if (hasChanges(diffRecord(current, after)) || u.note?.trim())
        issue("orgId", `${org.name}の取組状況は変更できません（自団体の行だけ変更できます）`);
      else skipped++;
      continue;
    }
    if (u.evidenceFileId && !files.has(u.evidenceFileId))
      issue("evidenceFileId", "添付ファイルが見つかりません。もう一度アップロードしてください");
    const key = recordKey(u.orgId, u.itemId);
    let w = work.get(key);
    if (!w) {
      const existing = records.get(key);
      const before = existing?.data ?? emptyRecord();
      w = { row: existing?.row ?? null, before, after: before, def: loaded };
      work.set(key, w);
    }
    if (u.expectedVersion != null && w.row && w.row.version !== u.expectedVersion)
      throw conflict("ほかの人が先に更新しました。画面を読み込み直して、最新の内容を確認してください。");
    const { after, problems } = applyUpdate(loaded.def, w.after, u, today);
    for (const p of problems) issue(p.field, p.message);
    w.after = after;
    const m = meta.get(key) ?? { note: null, fileId: null, ref: u.ref ?? null };
    if (u.note?.trim()) m.note = m.note ? `${m.note}\n${u.note.trim()}` : u.note.trim();
    if (u.evidenceFileId) m.fileId = u.evidenceFileId;
    meta.set(key, m);
  }

  const writes: RecordWrite[] = [];
  const changes: AppliedChange[] = [];
  let unchanged = skipped;
  for (const [key, w] of work) {
    const diff = diffRecord(w.before, w.after);
    const m = meta.get(key)!;
    if (!hasChanges(diff) && !m.note && !m.fileId) {
      unchanged++;
      continue;
    }
    const state = computeRecordState(w.def.def, w.after);
    const prevPct = w.row ? w.row.pct : null;
    const [orgId, itemId] = key.split("|") as [string, string];
    const full = {
      ...diff,
      ...(w.row ? {} : { created: true as const }),
      ...(prevPct !== state.pct ? { pct: [prevPct, state.pct] as [number | null, number | null] } : {}),
    };
    writes.push({
      recordId: w.row?.id ?? newId(),
      orgId,
      itemId,
      programmeId: w.def.programme.id,
      createdAt: w.row ? null : nowIso(),
      lastAt: w.row?.updated_at ?? null,
      before: w.before,
      after: w.after,
      prevPct,
      prevCounted: !!w.row,
      state,
      changes: full,
      version: (w.row?.version ?? 0) + 1,
      note: m.note,
      fileId: m.fileId,
    });
    changes.push({
      ref: m.ref,
      orgId,
      itemId,
      recordId: w.row?.id ?? null,
      pctBefore: prevPct,
      pctAfter: state.pct,
      changes: diff,
    });
  }
  return { applied: writes.length, unchanged, issues, changes, writes };
}

/** Evidence files must have been uploaded by the actor themself. */
async function evidenceFiles(ctx: Ctx, updates: ProgressUpdate[]): Promise<Set<string>> {
  const ids = [...new Set(updates.map((u) => u.evidenceFileId).filter((x): x is string => !!x))];
  if (!ids.length) return new Set();
  const rows = await filesUploadedBy(ctx, ids, ctx.actor!.userId);
  return new Set(rows.map((r) => r.id));
}
