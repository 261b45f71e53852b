import type { CsvValue } from "../../../shared/csv.js";
import { jstDate, jstTime } from "../../../shared/dates/jst.js";
import type { Ctx } from "../../platform/context.js";
import { csvBytes } from "../../platform/files/csv.js";
import { findOrgContactRow, listOrgRows } from "../orgs/index.js";
import { programmeTotals } from "../progress/index.js";
import { programmeIsPublic } from "./rules.js";
import { allPublicMeetings, meetingTitle, memoMeeting, newMemo, publicBodies, type SiteMemo } from "./site-data.js";
import type { DataFile } from "./site-pages.js";

/**
 * The open data: CSV in UTF-8 with BOM. The meetings file follows the columns of the Digital Agency's
 * 自治体標準オープンデータセット「イベント一覧」 (a meeting is an event with a date, times, a place and
 * an organiser), keeping its column names and order for the columns that apply and leaving out the
 * ones about fees, capacity and applications; the council's own columns follow at the end. Progress
 * has no standard dataset; its file uses the same leading columns (団体コード, NO, 都道府県名) and one
 * row per programme marked 公開, with figures aggregated over all municipalities.
 */
const meetingColumns = [
  "都道府県コード又は市区町村コード",
  "NO",
  "都道府県名",
  "市区町村名",
  "イベント名",
  "開始日",
  "終了日",
  "開始時間",
  "終了時間",
  "説明",
  "連絡先名称",
  "連絡先電話番号",
  "主催者",
  "場所名称",
  "URL",
  "備考",
  "会議体",
  "年度",
  "回",
  "公開議題数",
  "公開資料数",
  "議事要旨",
];

const progressColumns = [
  "都道府県コード又は市区町村コード",
  "NO",
  "都道府県名",
  "取組コード",
  "取組名",
  "所管会議体",
  "期限",
  "対象団体数",
  "報告団体数",
  "平均進捗率",
  "完了団体数",
  "期限超過件数",
  "集計日",
];

export const dataFiles: DataFile[] = [
  {
    href: "opendata/meetings.csv",
    title: "会議の開催状況",
    description:
      "公開している会議の日時、場所、会議体と、公開している議題・資料の数、議事要旨の掲載の有無です。1行が1回の会議です。",
    columns: meetingColumns,
  },
  {
    href: "opendata/progress.csv",
    title: "取組の進捗の集計",
    description:
      "公開している取組について、県内市町村の進捗を集計した値です。平均進捗率は、各団体の進捗率の平均（%）です。個々の団体の値は含みません。",
    columns: progressColumns,
  },
];

async function prefecture(ctx: Ctx) {
  const org = (await listOrgRows(ctx, { kind: "prefecture" }))[0];
  const contact = org ? await findOrgContactRow(ctx, org.id) : undefined;
  return { code: org?.lg_code ?? "", name: org?.name ?? "", department: contact?.department ?? "", phone: contact?.phone ?? "" };
}

export async function meetingsCsv(ctx: Ctx, memo: SiteMemo = newMemo()): Promise<Buffer> {
  const pref = await prefecture(ctx);
  const rows: CsvValue[][] = [meetingColumns];
  for (const [i, m] of (await allPublicMeetings(ctx)).reverse().entries()) {
    const detail = await memoMeeting(ctx, memo, m.id);
    rows.push([
      pref.code,
      i + 1,
      pref.name,
      "",
      meetingTitle(m),
      jstDate(m.starts_at),
      jstDate(m.ends_at),
      jstTime(m.starts_at),
      jstTime(m.ends_at),
      m.description,
      pref.department,
      pref.phone,
      m.body_name,
      m.kind === "online" ? "オンライン" : m.place,
      `${ctx.config.publicUrl}/public/meetings/${m.id}.html`,
      m.status === "announced" ? "開催予定" : "",
      m.body_name,
      m.fiscal_year,
      m.seq,
      detail?.agenda.length ?? 0,
      detail?.materials.length ?? 0,
      detail?.minutesHtml ? "掲載" : "",
    ]);
  }
  return csvBytes(rows).bytes;
}

export async function progressCsv(ctx: Ctx): Promise<Buffer> {
  const pref = await prefecture(ctx);
  const { byId } = await publicBodies(ctx);
  const totals = await programmeTotals(ctx, (p) => programmeIsPublic(p, p.body_id ? byId.has(p.body_id) : true));
  const rows: CsvValue[][] = [progressColumns];
  for (const [i, t] of totals.entries())
    rows.push([
      pref.code,
      i + 1,
      pref.name,
      t.programme.code,
      t.programme.name,
      t.programme.body_id ? (byId.get(t.programme.body_id)?.name ?? "") : "",
      t.programme.deadline ?? "",
      t.municipalities,
      t.reporting,
      t.meanPercent,
      t.complete,
      t.overdueRecords,
      t.day,
    ]);
  return csvBytes(rows).bytes;
}
