import { z } from "zod";
import type { HandoverChange, HandoverItem } from "../../../shared/api/handover.js";
import { type FileIssue, type RoleName, roleLabels, roles } from "../../../shared/api/users.js";
import { jstToday } from "../../../shared/dates/jst.js";
import { restoreLgCode } from "../../../shared/lg-code.js";
import { halfWidth } from "../../../shared/normalise.js";
import type { Ctx } from "../../platform/context.js";
import { cellText, columnName, parseDateCell } from "../../platform/files/spreadsheet.js";
import type { ReadCell } from "../../platform/files/xlsx-read.js";
import { currentMembershipsOf } from "../bodies/index.js";
import { openConsultationsOf } from "../consultations/service.js";
import { openActionItemsOf } from "../meetings/index.js";
import { notificationPrefsOf } from "../notifications/index.js";
import { listOrgRows, type OrgRow } from "../orgs/index.js";
import { openEngagementsOf } from "../support/index.js";
import { openSurveyAnswersOf } from "../surveys/index.js";
import { type UserWithOrg, usersByEmails } from "../users/index.js";

/** The transfer list's columns: the headers the personnel office's sheet carries (Japanese, or the English key). */
const transferColumns = {
  leaver: { ja: "異動者メールアドレス", en: "leaver_email" },
  successor: { ja: "後任メールアドレス", en: "successor_email" },
  successorName: { ja: "後任氏名", en: "successor_name" },
  successorOrg: { ja: "後任団体コード", en: "successor_lg_code" },
  successorRole: { ja: "後任役割", en: "successor_role" },
  date: { ja: "異動日", en: "date" },
  moveTo: { ja: "異動先団体コード", en: "new_lg_code" },
} as const;
type Col = keyof typeof transferColumns;

/** One row of the list as read (kept as the scheduled batch's plan and checked again when it runs). */
export interface TransferRow {
  row: number;
  cols: Partial<Record<Col, number>>;
  leaver: string;
  successor: string;
  successorName: string;
  successorOrg: string;
  successorRole: string;
  date: string;
  moveTo: string;
}

export interface ResolvedChange {
  row: TransferRow;
  leaver: UserWithOrg;
  /** An existing successor, or the new person to create. */
  successor: UserWithOrg | null;
  newSuccessor: { email: string; name: string; role: RoleName; org: OrgRow } | null;
  moveTo: OrgRow | null;
  items: HandoverItem[];
}

const emailSchema = z.email();
const roleByText = new Map<string, RoleName>(roles.flatMap((r) => [[r, r] as const, [roleLabels[r].ja, r] as const]));

const issueAt = (row: number, cols: TransferRow["cols"], col: Col | null, message: string): FileIssue => {
  const i = col ? cols[col] : undefined;
  return i === undefined
    ? { path: `${row}行目`, row, column: null, message }
    : { path: `${columnName(i)}${row}`, row, column: `${columnName(i)}（${transferColumns[col!].ja}）`, message };
};

/** Reads the transfer list's rows (row 1 is the header); cell-level problems are named by row and column. */
export function readTransferRows(grid: ReadCell[][]): { rows: TransferRow[]; issues: FileIssue[] } {
  const cols: TransferRow["cols"] = {};
  (grid[0] ?? []).forEach((cell, i) => {
    const text = halfWidth(cellText(cell)).toLowerCase();
    for (const [key, n] of Object.entries(transferColumns) as [Col, { ja: string; en: string }][])
      if (text === n.ja || text === n.en) cols[key] ??= i;
  });
  const missing = (["leaver", "date"] as Col[]).filter((c) => cols[c] === undefined);
  if (missing.length || (cols.successor === undefined && cols.successorName === undefined))
    return {
      rows: [],
      issues: [
        issueAt(
          1,
          {},
          null,
          `1行目の見出しに列がありません：${[...missing, ...(cols.successor === undefined ? (["successor"] as Col[]) : [])]
            .map((c) => transferColumns[c].ja)
            .join("、")}`,
        ),
      ],
    };
  const rows: TransferRow[] = [];
  const issues: FileIssue[] = [];
  for (let r = 1; r < grid.length; r++) {
    const cells = grid[r] ?? [];
    const get = (c: Col) => (cols[c] === undefined ? "" : halfWidth(cellText(cells[cols[c]!])).trim());
    if (Object.keys(transferColumns).every((c) => !get(c as Col))) continue;
    const row = r + 1;
    const date = parseDateCell(cols.date === undefined ? null : (cells[cols.date] ?? null));
    if (!date.ok) issues.push(issueAt(row, cols, "date", date.message));
    else if (!date.value) issues.push(issueAt(row, cols, "date", "異動日を入力してください"));
    rows.push({
      row,
      cols,
      leaver: get("leaver").toLowerCase(),
      successor: get("successor").toLowerCase(),
      successorName: get("successorName"),
      successorOrg: get("successorOrg"),
      successorRole: get("successorRole"),
      date: date.ok ? (date.value ?? "") : "",
      moveTo: get("moveTo"),
    });
  }
  if (!rows.length && !issues.length) issues.push(issueAt(2, {}, null, "データ行がありません"));
  return { rows, issues };
}

/**
 * Resolves every row against the people and organisations registered now and gathers what each leaver
 * holds; refuses unknown people and hand-overs that would carry a town's consultation to another town.
 */
export async function resolveTransfers(
  ctx: Ctx,
  rows: TransferRow[],
): Promise<{ changes: ResolvedChange[]; issues: FileIssue[] }> {
  const issues: FileIssue[] = [];
  const people = new Map(
    (await usersByEmails(ctx, [...new Set(rows.flatMap((r) => [r.leaver, r.successor]).filter(Boolean))])).map((u) => [
      u.email,
      u,
    ]),
  );
  const orgRows = await listOrgRows(ctx, {});
  const orgs = new Map(orgRows.filter((o) => o.lg_code).map((o) => [o.lg_code!, o]));
  const orgsById = new Map(orgRows.map((o) => [o.id, o]));
  const seenLeaver = new Map<string, number>();
  const changes: ResolvedChange[] = [];
  for (const r of rows) {
    const bad = (col: Col | null, message: string) => issues.push(issueAt(r.row, r.cols, col, message));
    const before = issues.length;
    const leaver = people.get(r.leaver);
    if (!r.leaver) bad("leaver", "異動者のメールアドレスを入力してください");
    else if (!leaver) bad("leaver", `異動者 ${r.leaver} は登録されていません`);
    else if (leaver.status === "disabled") bad("leaver", `異動者 ${r.leaver} はすでに無効になっています`);
    else if (seenLeaver.has(r.leaver)) bad("leaver", `異動者 ${r.leaver} は${seenLeaver.get(r.leaver)}行目にもあります`);
    if (r.leaver) seenLeaver.set(r.leaver, r.row);

    let successor: UserWithOrg | null = null;
    let newSuccessor: ResolvedChange["newSuccessor"] = null;
    if (r.successor && !emailSchema.safeParse(r.successor).success)
      bad("successor", `「${r.successor}」はメールアドレスの形式ではありません`);
    else if (r.successor && people.has(r.successor)) {
      successor = people.get(r.successor)!;
      if (successor.status === "disabled") bad("successor", `後任 ${r.successor} は無効になっています`);
      if (successor.email === r.leaver) bad("successor", "異動者と後任が同じ人です");
    } else if (!r.successor) bad("successor", "後任のメールアドレスを入力してください");
    else if (!r.successorName)
      bad("successor", `後任 ${r.successor} は登録されていません。新しく登録するときは後任氏名も入れてください`);
    else if (leaver) {
      const orgRow = (r.successorOrg ? orgs.get(restoreLgCode(r.successorOrg)) : orgsById.get(leaver.org_id)) ?? null;
      const role = r.successorRole ? roleByText.get(r.successorRole) : leaver.role;
      if (!orgRow) bad("successorOrg", `団体コード「${r.successorOrg}」の団体は登録されていません`);
      if (!role) bad("successorRole", `役割「${r.successorRole}」は使えません`);
      if (orgRow && role) newSuccessor = { email: r.successor, name: r.successorName.slice(0, 100), role, org: orgRow };
    }
    let moveTo: OrgRow | null = null;
    if (r.moveTo) {
      moveTo = orgs.get(restoreLgCode(r.moveTo)) ?? null;
      if (!moveTo) bad("moveTo", `異動先の団体コード「${r.moveTo}」の団体は登録されていません`);
    }
    if (issues.length === before && leaver) changes.push({ row: r, leaver, successor, newSuccessor, moveTo, items: [] });
  }
  await gatherItems(ctx, changes);
  for (const c of changes) {
    const successorOrgId = c.successor?.org_id ?? c.newSuccessor!.org.id;
    const successorOrgName = c.successor?.org_name ?? c.newSuccessor!.org.name;
    const successorStaff = c.successor ? c.successor.org_kind === "prefecture" : c.newSuccessor!.org.kind === "prefecture";
    for (const item of c.items) {
      if (item.kind === "consultation_filed" && item.orgId !== successorOrgId)
        issues.push(
          issueAt(
            c.row.row,
            c.row.cols,
            "successor",
            `後任（${successorOrgName}）は別の団体のため、相談「${item.title}」を引き継げません。同じ団体の後任を指定してください`,
          ),
        );
      if (item.kind === "consultation_assigned" && !successorStaff)
        issues.push(
          issueAt(
            c.row.row,
            c.row.cols,
            "successor",
            `相談窓口の担当（「${item.title}」）は県の職員にしか引き継げません。後任を確かめてください`,
          ),
        );
    }
  }
  issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { changes, issues };
}

/** Each owning module reports what the leavers hold; an organisation's own work comes with the post when the successor stays in it. */
async function gatherItems(ctx: Ctx, changes: ResolvedChange[]) {
  const ids = changes.map((c) => c.leaver.id);
  const today = jstToday();
  const personal = [
    ...(await openConsultationsOf(ctx, ids)),
    ...(await openEngagementsOf(ctx, ids)),
    ...(await currentMembershipsOf(ctx, ids, today)),
    ...(await notificationPrefsOf(ctx, ids)),
  ];
  const byUser = groupBy(personal, (i) => i.userId);
  const samePost = new Set(changes.filter((c) => (c.successor?.org_id ?? c.newSuccessor?.org.id) === c.leaver.org_id));
  const orgIds = [...new Set([...samePost].map((c) => c.leaver.org_id))];
  const byOrg = groupBy([...(await openSurveyAnswersOf(ctx, orgIds)), ...(await openActionItemsOf(ctx, orgIds))], (i) => i.orgId);
  for (const c of changes) {
    c.items = (byUser.get(c.leaver.id) ?? []).map(({ userId: _, ...i }) => i);
    if (samePost.has(c)) c.items.push(...(byOrg.get(c.leaver.org_id) ?? []));
  }
}

/** The change as the preview and the result show it. */
export function presentChange(c: ResolvedChange): HandoverChange {
  const s = c.successor;
  return {
    row: c.row.row,
    date: c.row.date,
    leaver: { id: c.leaver.id, name: c.leaver.name, email: c.leaver.email, org: c.leaver.org_name },
    leaverAction: c.moveTo ? "move" : "disable",
    moveTo: c.moveTo?.name ?? null,
    successor: s
      ? { id: s.id, name: s.name, email: s.email, org: s.org_name }
      : { id: null, name: c.newSuccessor!.name, email: c.newSuccessor!.email, org: c.newSuccessor!.org.name },
    successorCreated: !s,
    items: c.items,
  };
}

function groupBy<T, K>(items: T[], key: (t: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = m.get(k);
    if (list) list.push(t);
    else m.set(k, [t]);
  }
  return m;
}
