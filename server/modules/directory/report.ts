import type { DirectoryReport } from "../../../shared/api/directory.js";

const reasons: Record<DirectoryReport["unmapped"][number]["reason"], string> = {
  no_org: "所属団体に対応しない",
  no_email: "メールアドレスがない",
  conflict: "メールアドレスが別のアカウントで使われている",
  duplicate: "同じ人が二度載っている",
  disabled: "Renkei のアカウントが無効（再開は利用者管理で）",
};
const show = (v: string | number | null) => (v === null || v === "" ? "（なし）" : String(v));

/** The report as plain text, for `renkei directory sync` (the admin screen shows the same fields). */
export function formatReport(r: DirectoryReport): string {
  const lines = [
    `${r.dryRun ? "試行（変更は保存していません）" : "同期しました"}: ディレクトリから ${r.read} 件を読み取り、` +
      `作成 ${r.created.length}・更新 ${r.updated.length}・無効化 ${r.disabled.length}・対象外 ${r.unmapped.length}・変更なし ${r.unchanged}`,
  ];
  const section = (title: string, rows: string[]) => {
    if (rows.length) lines.push("", `${title}:`, ...rows.map((row) => `  ${row}`));
  };
  section(
    "作成",
    r.created.map((c) => `${c.name} <${c.email}>  ${c.orgName}（${c.orgCode}） ${c.role}${c.isOrgAdmin ? " 団体管理者" : ""}`),
  );
  section(
    "更新",
    r.updated.map(
      (u) =>
        `${u.name} <${u.email}>${u.linked ? "  既存アカウントをディレクトリに連携" : ""}` +
        Object.entries(u.changes)
          .map(([k, c]) => `  ${k}: ${show(c.before)} → ${show(c.after)}`)
          .join(""),
    ),
  );
  section(
    "無効化（ディレクトリから削除された）",
    r.disabled.map((d) => `${d.name} <${d.email}>`),
  );
  section(
    "対象外",
    r.unmapped.map((u) => `${u.dn}  ${u.email ?? ""}  ${reasons[u.reason]}${u.orgCode ? `（${u.orgCode}）` : ""}`),
  );
  return lines.join("\n");
}
