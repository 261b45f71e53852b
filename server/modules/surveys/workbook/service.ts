import {
  isSheetsLayout,
  relayInput,
  type UploadPreview,
  type WorkbookImportResult,
  type WorkbookInfo,
  type WorkbookLayout,
} from "../../../../shared/api/relay.js";
import type { Definition } from "../../../../shared/surveys/definition.js";
import type { AnswerData } from "../../../../shared/surveys/rules.js";
import { recordAudit } from "../../../platform/audit/record.js";
import { type Ctx, inTx, nowIso } from "../../../platform/context.js";
import { AppError, invalid, notFound } from "../../../platform/errors.js";
import { checkArchive } from "../../../platform/files/archive.js";
import type { Download } from "../../../platform/files/download.js";
import { readFileBytes, type StoredFile } from "../../../platform/files/store.js";
import { documentKinds } from "../../../platform/files/types.js";
import { textField, type Upload, type UploadedFile } from "../../../platform/files/upload.js";
import { runInWorker, workerModule } from "../../../platform/files/worker.js";
import { xlsxMime } from "../../../platform/files/xlsx.js";
import { refuseOtherSpreadsheets, spreadsheetKind } from "../../../platform/files/xlsx-read.js";
import { authorize } from "../../../platform/policy/authorize.js";
import { listOrgRows } from "../../orgs/index.js";
import { loadSurvey } from "../access.js";
import { answerContext, lockReason } from "../answers.js";
import { createSurvey, getSurvey } from "../builder.js";
import { runsSurveys } from "../policy.js";
import { findAnswerRow, linkSurveyFile } from "../repo.js";
import type { Detection } from "./detect.js";
import { putRelay } from "./relay.js";
import { answersForWriteBack, findWorkbook, insertWorkbook } from "./repo.js";

/**
 * The relay of a ministry's 照会 workbook: import (a draft survey proposed from its input table,
 * the workbook and the ministry's other files kept as attachments), each organisation's pre-filled
 * copy and the preview of a filled copy sent back, and the write-back of every answer into the
 * ministry's own workbook. Parsing and writing run in worker threads.
 */
const here = (name: string) => workerModule(import.meta.url, name);

/** The sheet the questions come from, and which organisation answers where (a row, or a sheet of its own). */
const sheetOf = (l: WorkbookLayout) => (isSheetsLayout(l) ? l.template : l.sheet);
const placesOf = (l: WorkbookLayout) =>
  isSheetsLayout(l)
    ? l.sheets.map((s) => ({ orgId: s.orgId, row: 0, sheet: s.sheet as string | undefined, key: s.sheet }))
    : l.rows.map((r) => ({ orgId: r.orgId, row: r.row, sheet: undefined, key: r.key }));

const xlsxName = (name: string) => (/\.xlsx$/i.test(name) ? name : `${name.replace(/\.[^.]+$/, "")}.xlsx`);

/** POST /surveys/import-workbook: the ministry's files (the workbook and its notice, overview …) → a draft survey. */
export async function importWorkbook(ctx: Ctx, upload: Upload): Promise<WorkbookImportResult> {
  authorize(ctx.actor, "survey.create");
  return inTx(ctx, async (tx) => {
    const { fields, files } = await upload.store(tx, { kinds: [...documentKinds, "zip"] });
    const isXlsx = (f: StoredFile) => f.mime === xlsxMime;
    const workbook = files.find(isXlsx);
    if (!workbook) {
      for (const f of files) refuseOtherSpreadsheets(await readFileBytes(tx, f), f.name);
      throw invalid("国の様式（Excel の .xlsx ファイル）を選んでください。", [
        { path: "file", message: "XLSX ファイルがありません" },
      ]);
    }
    const orgs = (await listOrgRows(tx, {})).map((o) => ({ id: o.id, name: o.name, lgCode: o.lg_code }));
    const detection = await runInWorker<Detection>(
      here("detect"),
      "detectWorkbook",
      [await readFileBytes(tx, workbook), workbook.name, orgs],
      workbook.name,
    );
    const title = (textField(fields, "title").trim() || workbook.name.replace(/\.xlsx$/i, "")).slice(0, 200);
    const definition: Definition = {
      sections: [{ id: "s1", title: sheetOf(detection.layout), description: "", questions: detection.questions }],
    };
    const created = await createSurvey(tx, {
      title,
      definition,
      targetMode: "orgs",
      targetOrgIds: [...new Set(placesOf(detection.layout).map((r) => r.orgId))],
    });
    const now = nowIso();
    for (const f of files) await linkSurveyFile(tx, created.id, f.id, null, now);
    await insertWorkbook(tx, {
      survey_id: created.id,
      file_id: workbook.id,
      layout: detection.layout,
      created_by: tx.actor!.userId,
      created_at: now,
    });
    // The national 照会's own data, when given with the files: the internal deadline follows from it.
    if (textField(fields, "ministry").trim()) {
      const relay = relayInput.safeParse({
        ...fields,
        nationalDeadline: fields.nationalDeadline || null,
        applyProposedDeadline: true,
      });
      if (!relay.success)
        throw invalid(
          "国の照会の情報を確認してください。",
          relay.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
        );
      await putRelay(tx, created.id, relay.data);
    }
    await recordAudit(
      tx,
      "survey.importWorkbook",
      { type: "survey", id: created.id },
      {
        file: workbook.name,
        sheet: sheetOf(detection.layout),
        layout: isSheetsLayout(detection.layout) ? "sheets" : "rows",
        rows: placesOf(detection.layout).length,
        columns: detection.questions.length,
      },
    );
    return { survey: await getSurvey(tx, created.id), workbook: await presentInfo(tx, created.id) };
  });
}

async function presentInfo(ctx: Ctx, surveyId: string, onlyOrg?: string): Promise<WorkbookInfo> {
  const wb = await findWorkbook(ctx, surveyId);
  if (!wb) throw notFound("国の様式");
  const names = new Map((await listOrgRows(ctx, {})).map((o) => [o.id, o.name]));
  const { layout } = wb;
  const rows = placesOf(layout).filter((r) => !onlyOrg || r.orgId === onlyOrg);
  const present = rows.map((r) => ({
    row: r.row,
    ...(r.sheet ? { sheet: r.sheet } : {}),
    org: { id: r.orgId, name: names.get(r.orgId) ?? r.key },
  }));
  if (isSheetsLayout(layout)) {
    const refs = layout.fields.map((f) => f.ref);
    return {
      kind: "sheets",
      fileId: wb.file_id,
      fileName: wb.name,
      sheet: layout.template,
      range: refs.length > 1 ? `${refs[0]}:${refs.at(-1)}` : (refs[0] ?? ""),
      keyCol: "",
      headerRows: [],
      columns: layout.fields.map(({ ref, ...f }) => ({ ...f, col: ref })),
      rows: present,
      otherSheets: [],
    };
  }
  const lastCol = layout.columns.at(-1)?.col ?? layout.keyCol;
  return {
    kind: "rows",
    fileId: wb.file_id,
    fileName: wb.name,
    sheet: layout.sheet,
    range: `${layout.keyCol}${layout.rows[0]?.row ?? 1}:${lastCol}${layout.rows.at(-1)?.row ?? 1}`,
    keyCol: layout.keyCol,
    headerRows: layout.headerRows,
    columns: layout.columns,
    rows: present,
    otherSheets: [],
  };
}

/** GET /surveys/:id/workbook: where the table is; an organisation sees only its own row. */
export async function getWorkbookInfo(ctx: Ctx, id: string): Promise<WorkbookInfo> {
  const loaded = await loadSurvey(ctx, id);
  return presentInfo(ctx, loaded.row.id, runsSurveys(ctx.actor!) ? undefined : ctx.actor!.orgId);
}

async function loadWorkbook(ctx: Ctx, surveyId: string) {
  const wb = await findWorkbook(ctx, surveyId);
  if (!wb) throw notFound("国の様式");
  return { ...wb, bytes: await readFileBytes(ctx, wb) };
}

const xlsxDownload = (bytes: Uint8Array, filename: string, contentType = xlsxMime): Download => ({
  filename,
  contentType,
  body: bytes,
});

/** GET /surveys/:id/answers/:orgId/workbook.xlsx: the ministry's workbook with this organisation's row pre-filled, others' empty. */
export async function orgCopy(ctx: Ctx, id: string, orgId: string): Promise<Download> {
  const a = await answerContext(ctx, id, orgId);
  const wb = await loadWorkbook(ctx, id);
  const answer = await findAnswerRow(ctx, id, orgId);
  const data = answer ? (JSON.parse(answer.data) as AnswerData) : {};
  const bytes = await runInWorker<Uint8Array>(
    here("writeback"),
    "orgCopyHere",
    [wb.bytes, wb.layout, a.def, { orgId, data }],
    wb.name,
  );
  const org = (await listOrgRows(ctx, {})).find((o) => o.id === orgId)!;
  return xlsxDownload(bytes, `${org.name}_${xlsxName(wb.name)}`);
}

/** POST /surveys/:id/answers/:orgId/workbook: reads a filled copy and shows what it would change; nothing is saved. */
export async function previewOrgUpload(ctx: Ctx, id: string, orgId: string, upload: Upload): Promise<UploadPreview> {
  const a = await answerContext(ctx, id, orgId);
  authorize(ctx.actor, "survey.answer", a.answerSubject);
  const existing = await findAnswerRow(ctx, id, orgId);
  const reason = lockReason(a.row, a.orgTarget, existing);
  if (reason) throw new AppError("FORBIDDEN", reason, { reason: "locked" });
  const wb = await loadWorkbook(ctx, id);
  const { file } = await upload.read();
  if (spreadsheetKind(file.bytes) === "xlsx") await checkArchive(file.bytes, file.name);
  const current = { data: existing ? (JSON.parse(existing.data) as AnswerData) : {}, version: existing?.version ?? 0 };
  return runInWorker<UploadPreview>(
    here("upload"),
    "previewUploadHere",
    [file.bytes, file.name, wb.layout, a.def, orgId, current],
    file.name,
  );
}

/** Submitted answers go into the ministry's workbook (the original, or a copy the secretariat sends). */
async function collation(ctx: Ctx, id: string, target: UploadedFile | null): Promise<Download> {
  const loaded = await loadSurvey(ctx, id);
  authorize(ctx.actor, "survey.track", loaded.subject);
  const wb = await loadWorkbook(ctx, id);
  const answers = await answersForWriteBack(ctx, id, ["submitted"]);
  if (target) {
    refuseOtherSpreadsheets(target.bytes, target.name);
    await checkArchive(target.bytes, target.name);
  }
  const bytes = await runInWorker<Uint8Array>(
    here("writeback"),
    "collationHere",
    [
      wb.bytes,
      target ? { bytes: target.bytes, file: target.name } : null,
      wb.layout,
      loaded.def,
      answers.map((a) => ({ orgId: a.org_id, data: JSON.parse(a.data) })),
    ],
    target?.name ?? wb.name,
  );
  await inTx(ctx, (tx) =>
    recordAudit(
      tx,
      "survey.writeBack",
      { type: "survey", id },
      { answers: answers.length, into: target ? target.name : "original" },
    ),
  );
  return xlsxDownload(bytes, xlsxName(target?.name ?? wb.name));
}

/** GET /surveys/:id/workbook/collation.xlsx: the submitted answers written into the ministry's original workbook. */
export const collationFile = (ctx: Ctx, id: string) => collation(ctx, id, null);

/** POST /surveys/:id/workbook/collation.xlsx: the submitted answers written into a copy the secretariat sends. */
export async function collationInto(ctx: Ctx, id: string, upload: Upload) {
  const { file } = await upload.read();
  return collation(ctx, id, file);
}

/** GET /surveys/:id/workbook/copies.zip: one filled workbook per organisation that submitted. */
export async function orgCopiesZip(ctx: Ctx, id: string): Promise<Download> {
  const loaded = await loadSurvey(ctx, id);
  authorize(ctx.actor, "survey.track", loaded.subject);
  const wb = await loadWorkbook(ctx, id);
  const answers = await answersForWriteBack(ctx, id, ["submitted"]);
  const zip = await runInWorker<Uint8Array>(
    here("writeback"),
    "orgCopiesZipHere",
    [
      wb.bytes,
      wb.layout,
      loaded.def,
      answers.map((a) => ({ orgId: a.org_id, data: JSON.parse(a.data), fileName: `${a.name}_${xlsxName(wb.name)}` })),
    ],
    wb.name,
  );
  await inTx(ctx, (tx) => recordAudit(tx, "survey.writeBack", { type: "survey", id }, { answers: answers.length, into: "zip" }));
  return xlsxDownload(zip, `${wb.name.replace(/\.xlsx$/i, "")}_団体別.zip`, "application/zip");
}
