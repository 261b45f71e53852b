import path from "node:path";
import yazl from "yazl";
import { jstDate } from "../../../shared/dates/jst.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx } from "../../platform/context.js";
import { notFound } from "../../platform/errors.js";
import { type Download, storedDownload } from "../../platform/files/download.js";
import { findFile, openFileStream, readFileBytes } from "../../platform/files/store.js";
import { defineJob } from "../../platform/jobs/worker.js";
import { authorize } from "../../platform/policy/authorize.js";
import { libraryStanding, visibleDocument } from "./access.js";
import { extractText } from "./extract.js";
import { findVersionFileId, findVersionRow, listDocumentRows, setVersionText } from "./repo.js";
import { indexDocument } from "./search-hook.js";

/** One version's file (the current one unless asked), inline for the PDF and image preview. */
export async function versionFile(ctx: Ctx, id: string, version: number | "current", inline: boolean): Promise<Download> {
  const { row } = await visibleDocument(ctx, id);
  const n = version === "current" ? row.current_version : version;
  const v = await findVersionFileId(ctx, id, n);
  const file = v && (await findFile(ctx, v.file_id));
  if (!file) throw notFound("版");
  return storedDownload(ctx, file, { inline });
}

/** Names inside the archive: the file's own name, made unique with (2), (3) … */
export function uniqueNames(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    const ext = path.extname(name);
    const stem = name.slice(0, name.length - ext.length);
    let candidate = name;
    for (let i = 2; used.has(candidate.toLowerCase()); i++) candidate = `${stem} (${i})${ext}`;
    used.add(candidate.toLowerCase());
    return candidate;
  });
}

/** Several documents' current versions in one ZIP. Any id the actor may not see makes it a 404, not a partial file. */
export async function documentsZip(ctx: Ctx, ids: string[]): Promise<Download> {
  authorize(ctx.actor, "document.list");
  const standing = await libraryStanding(ctx);
  const { rows } = await listDocumentRows(
    ctx,
    { bodyIds: [null, ...standing.names.keys()], ids },
    { limit: ids.length, offset: 0 },
  );
  if (rows.length !== ids.length) throw notFound("選んだ資料の一部");
  const zip = new yazl.ZipFile();
  const names = uniqueNames(rows.map((r) => r.file_name));
  rows.forEach((r, i) => {
    zip.addReadStream(openFileStream(ctx, r), names[i]!, { compress: !/^(image|application\/(pdf|zip|vnd))/.test(r.mime) });
  });
  zip.end();
  await inTx(ctx, (tx) => recordAudit(tx, "document.downloadZip", { type: "document", id: null }, { ids }));
  const date = jstDate().replaceAll("-", "");
  return { filename: `資料_${date}.zip`, contentType: "application/zip", body: zip.outputStream };
}

/** Extracts a version's text for search, after the upload has committed; a damaged file is marked and skipped. */
defineJob("documents.extractText", async (ctx, { versionId }: { versionId: string }) => {
  const v = await findVersionRow(ctx, versionId);
  if (!v) return;
  const file = await findFile(ctx, v.file_id);
  if (!file) return;
  let text: string | null = null;
  let status: "done" | "none" | "failed" = "none";
  try {
    text = await extractText(await readFileBytes(ctx, file), file.mime);
    status = text === null ? "none" : "done";
  } catch {
    status = "failed";
  }
  await inTx(ctx, async (tx) => {
    await setVersionText(tx, versionId, text, status);
    await indexDocument(tx, v.document_id);
  });
});
