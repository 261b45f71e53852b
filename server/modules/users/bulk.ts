import { z } from "zod";
import {
  type FileIssue,
  personContact,
  type RoleName,
  roleLabels,
  roles,
  type UserImportResult,
  userFileColumns,
} from "../../../shared/api/users.js";
import { restoreLgCode } from "../../../shared/lg-code.js";
import { halfWidth } from "../../../shared/normalise.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { invalid } from "../../platform/errors.js";
import { cellText, columnName, parseFlagCell, readSpreadsheet } from "../../platform/files/spreadsheet.js";
import type { ReadCell } from "../../platform/files/xlsx-read.js";
import { authorize, can } from "../../platform/policy/authorize.js";
import { mailComposer, sendMail } from "../notifications/index.js";
import { listOrgRows } from "../orgs/index.js";
import "./policy.js";
import { insertUsers, registeredEmails, type UserRow } from "./repo.js";
import { issueToken } from "./tokens.js";

type Key = keyof typeof userFileColumns;
type Planned = NewPerson & { row: number };

const emailSchema = z.email();
const roleByText = new Map<string, RoleName>(
  roles.flatMap((r) => [
    [r, r],
    [roleLabels[r].ja, r],
    [roleLabels[r].en.toLowerCase(), r],
  ]),
);

/** Finds the columns by their header (Japanese or English key); row 1 is the header. */
function headerColumns(header: ReadCell[]): Partial<Record<Key, number>> {
  const cols: Partial<Record<Key, number>> = {};
  header.forEach((cell, i) => {
    const text = halfWidth(cellText(cell)).toLowerCase();
    for (const [key, names] of Object.entries(userFileColumns) as [Key, { ja: string; en: string }][])
      if (text === names.ja || text === names.en) cols[key] ??= i;
  });
  return cols;
}

const issueAt = (row: number | null, col: number | null, header: string | null, message: string): FileIssue => {
  const column = col == null ? null : `${columnName(col)}（${header}）`;
  return { path: col == null ? `${row ?? 1}行目` : `${columnName(col)}${row}`, row, column, message };
};

/**
 * Reads a user file and checks every row against the actor's rights, the organisations and the
 * registered addresses; nothing is written. Each problem names its row and column.
 */
async function planUserImport(ctx: Ctx, grid: ReadCell[][]): Promise<{ planned: Planned[]; issues: FileIssue[] }> {
  const actor = ctx.actor!;
  const cols = headerColumns(grid[0] ?? []);
  const required: Key[] = ["lgCode", "name", "email"];
  const missing = required.filter((k) => cols[k] === undefined);
  if (missing.length)
    return {
      planned: [],
      issues: [issueAt(1, null, null, `1行目の見出しに列がありません：${missing.map((k) => userFileColumns[k].ja).join("、")}`)],
    };
  const orgs = new Map((await listOrgRows(ctx, {})).filter((o) => o.lg_code).map((o) => [o.lg_code!, o]));
  const issues: FileIssue[] = [];
  const planned: Planned[] = [];
  const seen = new Map<string, number>();
  for (let r = 1; r < grid.length; r++) {
    const cells = grid[r] ?? [];
    const row = r + 1;
    const get = (k: Key) => (cols[k] === undefined ? "" : cellText(cells[cols[k]!]));
    if ((["lgCode", "name", "email", "role"] as Key[]).every((k) => !get(k))) continue;
    const bad = (k: Key, message: string) => issues.push(issueAt(row, cols[k] ?? null, userFileColumns[k].ja, message));
    const before = issues.length;

    const code = restoreLgCode(halfWidth(get("lgCode")));
    const org = orgs.get(code);
    if (!code) bad("lgCode", "団体コードを入力してください");
    else if (!org) bad("lgCode", `団体コード「${get("lgCode")}」の団体は登録されていません`);

    const name = get("name").trim();
    if (!name) bad("name", "氏名を入力してください");
    else if (name.length > 100) bad("name", "氏名は100文字以内にしてください");

    const email = halfWidth(get("email")).trim().toLowerCase();
    if (!email) bad("email", "メールアドレスを入力してください");
    else if (!emailSchema.safeParse(email).success) bad("email", `「${get("email")}」はメールアドレスの形式ではありません`);
    else if (seen.has(email)) bad("email", `${email} は${seen.get(email)}行目と重複しています`);
    else seen.set(email, row);

    const roleText = halfWidth(get("role")).trim();
    const role = roleText ? (roleByText.get(roleText) ?? roleByText.get(roleText.toLowerCase())) : "municipal";
    if (!role)
      bad("role", `役割「${roleText}」は使えません。${roles.map((x) => roleLabels[x].ja).join("・")} のいずれかにしてください`);

    const flag = parseFlagCell(cols.isOrgAdmin === undefined ? null : (cells[cols.isOrgAdmin] ?? null));
    if (!flag.ok) bad("isOrgAdmin", flag.message);
    const isOrgAdmin = flag.ok && flag.value;

    if (org && role) {
      if (!can(actor, "user.bulk.all") && org.id !== actor.orgId)
        bad(
          "lgCode",
          `${org.name} の職員は登録できません。自団体の職員だけを載せてください（他団体は県のシステム管理者に依頼してください）`,
        );
      else if (!can(actor, "user.invite", { org_id: org.id, role, id: "" }))
        bad("role", `あなたの権限では役割「${roleLabels[role].ja}」の利用者は登録できません`);
      if (isOrgAdmin && !can(actor, "user.changeRole"))
        bad("isOrgAdmin", "団体管理者の指定は県のシステム管理者だけができます。空欄にしてください");
    }
    // 所属・役職 go through the same schema as the edit form, so a file cannot store what the form refuses.
    const contact = personContact.safeParse({ department: get("department"), title: get("title") });
    if (!contact.success) for (const i of contact.error.issues) bad(i.path[0] as "department" | "title", i.message);

    if (issues.length === before && contact.success)
      planned.push({
        row,
        email,
        name,
        role: role!,
        isOrgAdmin,
        ...contact.data,
        org: org!,
      });
  }
  const taken = await registeredEmails(
    ctx,
    planned.map((p) => p.email),
  );
  const fresh = planned.filter((p) => {
    if (!taken.has(p.email)) return true;
    issues.push(issueAt(p.row, cols.email!, userFileColumns.email.ja, `${p.email} はすでに登録されています`));
    return false;
  });
  if (!fresh.length && !issues.length) issues.push(issueAt(2, null, null, "データ行がありません"));
  issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { planned: fresh, issues };
}

/**
 * Imports users from XLSX or CSV (UTF-8 or CP932, through the one decoder). A dry run reports what
 * would be created and every bad cell; the real run accepts only a clean file and creates every user,
 * their invitation link and mail (the outbox), and the audit rows in one transaction.
 */
export async function importUsers(
  ctx: Ctx,
  file: { bytes: Buffer; name: string },
  opts: { dryRun: boolean },
): Promise<UserImportResult> {
  authorize(ctx.actor, "user.bulk");
  const book = await readSpreadsheet(file.bytes, file.name);
  const { planned, issues } = await planUserImport(ctx, book.sheets[0]?.grid ?? []);
  const result = (created: number): UserImportResult => ({
    dryRun: opts.dryRun,
    format: book.format,
    encoding: book.encoding,
    rows: planned.map((p) => ({
      row: p.row,
      email: p.email,
      name: p.name,
      role: p.role,
      isOrgAdmin: p.isOrgAdmin,
      org: { id: p.org.id, name: p.org.name },
    })),
    issues,
    created,
    invited: created,
  });
  if (opts.dryRun) return result(0);
  if (issues.length)
    throw invalid(
      `ファイルに${issues.length}件の誤りがあります。誰も登録していません。誤りを直してもう一度取り込んでください。`,
      issues,
    );
  return inTx(ctx, async (tx) => {
    const rows = await createInvitedUsers(tx, planned);
    await recordAudit(
      tx,
      "user.import",
      { type: "user", id: null },
      { file: file.name, format: book.format, encoding: book.encoding, created: rows.length },
    );
    return result(rows.length);
  });
}

export interface NewPerson {
  email: string;
  name: string;
  role: RoleName;
  isOrgAdmin: boolean;
  department: string;
  title: string;
  org: { id: string; name: string };
}

/**
 * Creates checked, unregistered people as invited users in the caller's transaction and invites each
 * (bulk import, and successors named by a 人事異動 list).
 */
export async function createInvitedUsers(tx: Ctx, people: NewPerson[]): Promise<UserRow[]> {
  const now = nowIso();
  const rows: UserRow[] = people.map((p) => ({
    id: newId(),
    org_id: p.org.id,
    email: p.email,
    name: p.name,
    role: p.role,
    is_org_admin: p.isOrgAdmin ? 1 : 0,
    password_hash: null,
    status: "invited",
    failed_logins: 0,
    locked_until: null,
    totp_secret: null,
    totp_enabled: 0,
    totp_last_step: null,
    locale: "ja",
    calendar_token: null,
    created_at: now,
    updated_at: now,
    department: p.department,
    title: p.title,
  }));
  await insertUsers(tx, rows);
  await inviteAll(tx, rows, people);
  return rows;
}

/** The invitation of every new user: a link token, the 公用文 mail through the outbox, and an audit row each. */
async function inviteAll(tx: Ctx, rows: UserRow[], planned: NewPerson[]) {
  const composers = new Map<string, Awaited<ReturnType<typeof mailComposer>>>();
  for (const [i, u] of rows.entries()) {
    const org = planned[i]!.org;
    let compose = composers.get(org.id);
    if (!compose) {
      compose = await mailComposer(tx, {
        template: "account.invite",
        vars: { 団体名: org.name, 招待者: `${tx.actor?.name ?? "管理者"}さん` },
      });
      composers.set(org.id, compose);
    }
    const token = await issueToken(tx, u.id, "invite");
    const link = `${tx.config.publicUrl}/invitation/${token}`;
    await sendMail(tx, { to: u.email, ...compose({ name: u.name, orgName: org.name }, { リンク: link }) });
    await recordAudit(
      tx,
      "user.invite",
      { type: "user", id: u.id },
      { email: u.email, role: u.role, orgId: u.org_id, via: "import" },
    );
  }
}
