import { roleLabels, userFileColumns } from "../../../shared/api/users.js";
import type { Ctx } from "../../platform/context.js";
import { notFound } from "../../platform/errors.js";
import { type CsvEncoding, csvBytes, csvDownload, csvValue } from "../../platform/files/csv.js";
import type { Download } from "../../platform/files/download.js";
import { excelDate, sheetNamer, workbookBuffer, type XlsxValue, xlsxMime } from "../../platform/files/xlsx.js";
import { authorize, can } from "../../platform/policy/authorize.js";
import { findOrgRow } from "../orgs/index.js";
import "./policy.js";
import { userExportRows } from "./repo.js";

const statusJa = { active: "有効", invited: "招待中", disabled: "無効" } as const;
const columns = [
  "lgCode",
  "orgName",
  "name",
  "email",
  "role",
  "isOrgAdmin",
  "department",
  "title",
  "status",
  "createdAt",
] as const satisfies (keyof typeof userFileColumns)[];

/** The export's organisation: the admin's choice (or all), an org admin's own; another organisation is a 404. */
async function exportScope(ctx: Ctx, orgId: string | undefined) {
  authorize(ctx.actor, "user.bulk");
  const all = can(ctx.actor, "user.bulk.all");
  if (orgId && !all && orgId !== ctx.actor!.orgId) throw notFound("団体");
  const id = orgId ?? (all ? undefined : ctx.actor!.orgId);
  const org = id ? await findOrgRow(ctx, id) : undefined;
  if (id && !org) throw notFound("団体");
  return { id, label: org?.name ?? "全団体" };
}

/** The rows as the import reads them back (same headers), with the organisation's name, status and date. */
async function table(ctx: Ctx, orgId: string | undefined): Promise<XlsxValue[][]> {
  const rows = await userExportRows(ctx, orgId);
  return [
    columns.map((c) => userFileColumns[c].ja),
    ...rows.map((r) => [
      r.org_lg_code ?? "",
      r.org_name,
      r.name,
      r.email,
      roleLabels[r.role].ja,
      r.is_org_admin ? "○" : "",
      r.department ?? "",
      r.title ?? "",
      statusJa[r.status],
      excelDate(r.created_at.slice(0, 10)),
    ]),
  ];
}

const fileBase = (label: string) => `利用者一覧_${label}`;

export async function exportUsersXlsx(ctx: Ctx, orgId?: string): Promise<Download> {
  const scope = await exportScope(ctx, orgId);
  const rows = await table(ctx, scope.id);
  const bytes = await workbookBuffer([
    { name: sheetNamer()("利用者一覧"), rows, widths: [10, 16, 16, 30, 14, 10, 20, 14, 8, 12], freezeCols: 3 },
  ]);
  return { filename: `${fileBase(scope.label)}.xlsx`, contentType: xlsxMime, body: bytes };
}

export async function exportUsersCsv(ctx: Ctx, orgId: string | undefined, encoding: CsvEncoding): Promise<Download> {
  const scope = await exportScope(ctx, orgId);
  const rows = await table(ctx, scope.id);
  return csvDownload(
    csvBytes(
      rows.map((r) => r.map(csvValue)),
      encoding,
    ),
    `${fileBase(scope.label)}.csv`,
  );
}
