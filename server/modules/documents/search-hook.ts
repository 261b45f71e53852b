import { documentKindLabels } from "../../../shared/api/documents.js";
import { fiscalYearLabel } from "../../../shared/dates/wareki.js";
import type { Ctx } from "../../platform/context.js";
import { indexEntry, removeEntry } from "../search/index.js";
import { findDocumentRow, versionForIndex } from "./repo.js";

/** A document is found by its title, metadata, file name and the text of its current version; it follows its body's visibility. */
export async function indexDocument(ctx: Ctx, id: string): Promise<void> {
  const row = await findDocumentRow(ctx, id);
  if (!row) return removeEntry(ctx, "document", id);
  const version = await versionForIndex(ctx, id, row.current_version);
  const meta = [
    documentKindLabels[row.kind].ja,
    row.fiscal_year ? fiscalYearLabel(row.fiscal_year, { western: true }) : "",
    row.source ?? "",
    (JSON.parse(row.tags) as string[]).join(" "),
    version?.name ?? "",
    version?.note ?? "",
  ];
  await indexEntry(ctx, {
    kind: "document",
    refId: id,
    title: row.title,
    text: [...meta, version?.text ?? ""].join("\n"),
    date: version?.created_at ?? row.updated_at,
    link: `/documents/${id}`,
    scope: row.body_id ? { type: "body", bodyId: row.body_id } : { type: "all" },
  });
}
