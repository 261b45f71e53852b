import type { DocumentItem } from "../../../shared/api/documents.js";
import type { Ctx } from "../../platform/context.js";
import { abilities } from "../../platform/policy/authorize.js";
import { areaSubject, type LibraryStanding, sharedAreaName } from "./access.js";
import type { DocumentListRow } from "./repo.js";

export const previewable = (mime: string) => mime === "application/pdf" || mime.startsWith("image/");

export function presentDocument(ctx: Ctx, r: DocumentListRow, standing: LibraryStanding): DocumentItem {
  const subject = { ...areaSubject(r.body_id, standing, ctx), ownOrg: r.org_id === ctx.actor?.orgId };
  return {
    id: r.id,
    area: { bodyId: r.body_id, name: r.body_id ? (standing.names.get(r.body_id) ?? "") : sharedAreaName },
    folder: r.folder_id ? { id: r.folder_id, name: r.folder_name ?? "" } : null,
    title: r.title,
    kind: r.kind,
    fiscalYear: r.fiscal_year,
    source: r.source,
    tags: JSON.parse(r.tags),
    currentVersion: r.current_version,
    file: { name: r.file_name, mime: r.mime, size: r.size, previewable: previewable(r.mime) },
    org: { id: r.org_id, name: r.org_name },
    updatedAt: r.updated_at,
    abilities: abilities(ctx.actor, subject, { canEdit: "document.edit", canDelete: "document.edit" }),
  };
}
