import { PDFDocument } from "pdf-lib";
import {
  type AllocationRow,
  remainderLabels,
  roundingLabels,
  type ScenarioDetail,
  type ScenarioRule,
  usageSourceLabels,
} from "../../../shared/api/procurement.js";
import { formatDate } from "../../../shared/dates/format.js";
import { jstDate } from "../../../shared/dates/jst.js";
import { fiscalYearLabel, warekiDate } from "../../../shared/dates/wareki.js";
import { formatBp } from "../../../shared/procurement/allocation.js";
import type { Ctx } from "../../platform/context.js";
import { AppError, forbidden, invalid, notFound } from "../../platform/errors.js";
import type { Download } from "../../platform/files/download.js";
import { loadJapaneseFont, numberPages, PdfWriter } from "../../platform/files/pdf.js";
import { sheetNamer, workbookBuffer, type XlsxValue, xlsxMime } from "../../platform/files/xlsx.js";
import { fontkit } from "../../platform/lazy-libs.js";
import { sender } from "../notifications/index.js";
import { visibleProject } from "./access.js";
import { basisPoints } from "./compute.js";
import { supersededIds } from "./present.js";
import { listProjects } from "./projects.js";
import { listFrozenScenarios } from "./repo.js";
import { getScenario } from "./scenarios.js";

const yen = (n: number) => n.toLocaleString("ja-JP");
const safe = (s: string) => s.replace(/[\\/:*?"<>|]/g, "_");

/** The rule in words, as the 別表 and the notice print it. */
export function ruleText(rule: ScenarioRule): string[] {
  const parts = [
    ["均等割", rule.equalPercent],
    ["人口割", rule.populationPercent],
    ["利用割", rule.usagePercent],
  ].filter(([, p]) => basisPoints(p!) > 0);
  const lines = [`按分方法：${parts.map(([n, p]) => `${n} ${formatBp(basisPoints(p!))}%`).join("、")}`];
  if (basisPoints(rule.populationPercent) > 0)
    lines.push(`人口：${rule.populationSource}（${warekiDate(rule.populationDate)}現在）`);
  if (basisPoints(rule.usagePercent) > 0)
    lines.push(`利用量：${rule.usageLabel || "利用実績"}（${usageSourceLabels[rule.usageSource].ja}）`);
  lines.push(`端数処理：${roundingLabels[rule.rounding].ja}。${remainderLabels[rule.remainder].ja}。`);
  lines.push("年度の途中で参加・脱退した団体は、参加した月から脱退した月までの月数による月割りとします。");
  return lines;
}

const statusText = (s: ScenarioDetail) =>
  s.status === "frozen" && s.frozenAt
    ? `第${s.version}版　${formatDate(jstDate(s.frozenAt), "ja", { western: false })}確定${s.reason ? `（訂正理由：${s.reason}）` : ""}`
    : `第${s.version}版（案）`;

/** The whole table: the prefecture's staff, and members once the project opens it. */
async function tableFor(ctx: Ctx, scenarioId: string) {
  const s = await getScenario(ctx, scenarioId);
  if (s.view !== "all") throw forbidden("負担金の一覧は、事業の参加団体に公開された後に見られます。");
  if (s.problems.length) throw invalid(`按分を計算できません。${s.problems.map((p) => p.message).join(" ")}`, s.problems);
  return s;
}

const columns = (s: ScenarioDetail) => {
  const used = {
    equal: basisPoints(s.rule.equalPercent) > 0,
    population: basisPoints(s.rule.populationPercent) > 0,
    usage: basisPoints(s.rule.usagePercent) > 0,
  };
  const cols: { head: string; value: (r: AllocationRow) => XlsxValue; money?: boolean; weight: number }[] = [
    { head: "団体コード", value: (r) => r.org.lgCode ?? "", weight: 1.1 },
    { head: "団体名", value: (r) => r.org.name, weight: 1.5 },
    { head: "参加月数", value: (r) => r.months, weight: 0.8 },
  ];
  if (used.population) cols.push({ head: "人口（人）", value: (r) => r.population, money: true, weight: 1.1 });
  if (used.usage) cols.push({ head: "利用量", value: (r) => (r.usage == null ? null : Number(r.usage)), weight: 1 });
  if (used.equal) cols.push({ head: "均等割額（円）", value: (r) => r.equal, money: true, weight: 1.3 });
  if (used.population) cols.push({ head: "人口割額（円）", value: (r) => r.populationPart, money: true, weight: 1.3 });
  if (used.usage) cols.push({ head: "利用割額（円）", value: (r) => r.usagePart, money: true, weight: 1.3 });
  cols.push({ head: "端数調整額（円）", value: (r) => r.adjustment, money: true, weight: 1.1 });
  cols.push({ head: "負担額（円）", value: (r) => r.amount, money: true, weight: 1.4 });
  return cols;
};

const title = (s: ScenarioDetail) => `${s.project.name}　${fiscalYearLabel(s.fiscalYear)}　負担金額`;

/** 別表 as XLSX: real numbers (yen as integers with a thousands format), the rule above the table. */
export async function tableXlsx(ctx: Ctx, scenarioId: string): Promise<Download> {
  const s = await tableFor(ctx, scenarioId);
  return {
    filename: safe(`別表_${s.project.name}_${fiscalYearLabel(s.fiscalYear)}.xlsx`),
    contentType: xlsxMime,
    body: await tableWorkbook(s),
  };
}

/** The 別表 workbook of a computed scenario (pure: also what bench/allocation.ts measures). */
export async function tableWorkbook(s: ScenarioDetail): Promise<Buffer> {
  const cols = columns(s);
  const total = s.rows.reduce((a, r) => a + r.amount, 0);
  const notes = [statusText(s), ...ruleText(s.rule), "内訳の各額は円未満切捨て。負担額は端数調整後の額です。"];
  const rows: XlsxValue[][] = [
    ["別表"],
    [title(s)],
    ...notes.map((n) => [n]),
    [],
    cols.map((c) => c.head),
    ...s.rows.map((r) => cols.map((c) => c.value(r))),
    cols.map((c, i) => (i === 1 ? "合計" : c.head === "負担額（円）" ? total : null)),
  ];
  const numFmts = Object.fromEntries(cols.flatMap((c, i) => (c.money ? [[i, "#,##0"]] : [])));
  return workbookBuffer([
    {
      name: sheetNamer()("別表"),
      rows,
      headerRows: notes.length + 4,
      titleRows: 2,
      widths: cols.map((c) => c.weight * 12),
      numFmts,
    },
  ]);
}

async function newPdf(titleText: string) {
  const doc = await PDFDocument.create();
  doc.registerFontkit(await fontkit());
  const font = await doc.embedFont(loadJapaneseFont(), { subset: true });
  doc.setTitle(titleText);
  return { doc, font, w: new PdfWriter(doc, font) };
}

/** 別表 as PDF (和暦, A4): the title, the rule, the table with a total row. */
export async function tablePdf(ctx: Ctx, scenarioId: string): Promise<Download> {
  const s = await tableFor(ctx, scenarioId);
  const cols = columns(s);
  const { doc, font, w } = await newPdf(title(s));
  w.text("別表", { size: 10.5, gap: 4 });
  w.text(title(s), { size: 14, center: true, gap: 4 });
  w.text(statusText(s), { size: 9, center: true, gap: 10 });
  for (const line of ruleText(s.rule)) w.text(line, { size: 9 });
  w.y -= 8;
  const cell = (c: (typeof cols)[number], r: AllocationRow) => {
    const v = c.value(r);
    return typeof v === "number" ? (c.money ? yen(v) : String(v)) : String(v ?? "");
  };
  const total = s.rows.reduce((a, r) => a + r.amount, 0);
  const right = cols.flatMap((c, i) => (c.money || c.head === "参加月数" || c.head === "利用量" ? [i] : []));
  w.table(
    [
      cols.map((c) => c.head),
      ...s.rows.map((r) => cols.map((c) => cell(c, r))),
      cols.map((c, i) => (i === 1 ? "合計" : c.head === "負担額（円）" ? yen(total) : "")),
    ],
    { size: 8, weights: cols.map((c) => c.weight), right },
  );
  w.text("内訳の各額は円未満切捨て。負担額は端数調整後の額です。", { size: 8.5 });
  numberPages(doc, font);
  return {
    filename: safe(`別表_${s.project.name}_${fiscalYearLabel(s.fiscalYear)}.pdf`),
    contentType: "application/pdf",
    body: await doc.save(),
  };
}

/** The head of a municipality: 「山口市長」「阿武町長」「山口県知事」. */
const headOf = (name: string, isPrefecture: boolean) => (isPrefecture ? `${name}知事` : `${name}長`);

/** 負担金の額の通知 to one participant (公用文), from an agreed allocation. */
export async function noticePdf(ctx: Ctx, scenarioId: string, orgId: string): Promise<Download> {
  const s = await getScenario(ctx, scenarioId);
  const row = s.rows.find((r) => r.org.id === orgId);
  if (!row) throw notFound("この按分の参加団体");
  if (s.status !== "frozen")
    throw new AppError("BAD_REQUEST", "通知は合意済み（確定）の按分から作成します。按分案を確定してから出力してください。");
  const { row: project } = await visibleProject(ctx, s.project.id);
  const { from, contact } = await sender(ctx);
  const subject = `${s.project.name}に係る${fiscalYearLabel(s.fiscalYear)}負担金の額について（通知）`;
  const { doc, font, w } = await newPdf(subject);
  const today = jstDate();
  w.text(formatDate(today, "ja", { western: false }), { size: 10.5, right: true, gap: 12 });
  w.text(`${headOf(row.org.name, row.isPrefecture)} 様`, { size: 10.5, gap: 12 });
  w.text(from, { size: 10.5, right: true, gap: 16 });
  w.text(subject, { size: 12, center: true, gap: 12 });
  w.text(
    `　このことについて、${project.body_name}において合意された按分方法により、貴団体の${fiscalYearLabel(s.fiscalYear)}の負担金の額を下記のとおり通知します。`,
    { size: 10.5, gap: 10 },
  );
  w.text("記", { size: 10.5, center: true, gap: 8 });
  const items = [
    `１　事業名　${s.project.name}`,
    `２　年度　${fiscalYearLabel(s.fiscalYear)}`,
    `３　負担金の額　金${yen(row.amount)}円`,
    `４　算定の内訳　${[
      basisPoints(s.rule.equalPercent) > 0 ? `均等割額 ${yen(row.equal)}円` : "",
      basisPoints(s.rule.populationPercent) > 0
        ? `人口割額 ${yen(row.populationPart)}円（人口 ${yen(row.population ?? 0)}人）`
        : "",
      basisPoints(s.rule.usagePercent) > 0 ? `利用割額 ${yen(row.usagePart)}円（利用量 ${row.usage ?? "0"}）` : "",
      row.adjustment ? `端数調整額 ${yen(row.adjustment)}円` : "",
    ]
      .filter(Boolean)
      .join("、")}`,
    `５　参加月数　${row.months}か月`,
    `６　事業費の総額　${yen(s.total)}円`,
  ];
  for (const line of items) w.text(line, { size: 10.5, indent: 12 });
  w.text("７　算定方法", { size: 10.5, indent: 12 });
  for (const line of ruleText(s.rule)) w.text(line, { size: 9.5, indent: 36 });
  w.text(`（${statusText(s)}）`, { size: 9, indent: 36, gap: 12 });
  w.text("以上", { size: 10.5, gap: 16 });
  w.text("【問合せ先】", { size: 9.5 });
  for (const line of contact.split("\n")) w.text(line, { size: 9.5, indent: 12 });
  numberPages(doc, font);
  return {
    filename: safe(`負担金通知_${row.org.name}_${s.project.name}_${fiscalYearLabel(s.fiscalYear)}.pdf`),
    contentType: "application/pdf",
    body: await doc.save(),
  };
}

/** What each municipality pays per fiscal year across the projects' agreed allocations the actor may see. */
export async function paymentSummary(ctx: Ctx, fiscalYear?: number) {
  const visible = (await listProjects(ctx)).items.map((p) => p.id);
  const frozen = (await listFrozenScenarios(ctx, visible)).filter(
    (s) => fiscalYear === undefined || s.fiscal_year === fiscalYear,
  );
  const superseded = supersededIds(frozen);
  const agreed = frozen.filter((s) => !superseded.has(s.id));
  const rows = new Map<
    string,
    { org: AllocationRow["org"]; byYear: Record<string, number>; byProject: Record<string, number> }
  >();
  const projects: { id: string; name: string; fiscalYear: number; scenarioId: string }[] = [];
  for (const s of agreed) {
    const detail = await getScenario(ctx, s.id);
    projects.push({ id: s.project_id, name: s.project_name, fiscalYear: s.fiscal_year, scenarioId: s.id });
    for (const r of detail.rows) {
      const entry = rows.get(r.org.id) ?? { org: r.org, byYear: {}, byProject: {} };
      entry.byYear[s.fiscal_year] = (entry.byYear[s.fiscal_year] ?? 0) + r.amount;
      entry.byProject[s.id] = r.amount;
      rows.set(r.org.id, entry);
    }
  }
  return {
    fiscalYears: [...new Set(agreed.map((s) => s.fiscal_year))].sort(),
    projects,
    rows: [...rows.values()].sort((a, b) => (a.org.lgCode ?? "").localeCompare(b.org.lgCode ?? "")),
  };
}

/** The summary as XLSX: one row per municipality, a column per project and year, and per-year totals. */
export async function paymentSummaryXlsx(ctx: Ctx, fiscalYear?: number): Promise<Download> {
  const s = await paymentSummary(ctx, fiscalYear);
  const head = [
    "団体コード",
    "団体名",
    ...s.projects.map((p) => `${p.name}（${fiscalYearLabel(p.fiscalYear)}）`),
    ...s.fiscalYears.map((fy) => `${fiscalYearLabel(fy)} 計`),
  ];
  const rows: XlsxValue[][] = [
    ["共同調達 負担金の団体別一覧"],
    head,
    ...s.rows.map((r) => [
      r.org.lgCode ?? "",
      r.org.name,
      ...s.projects.map((p) => r.byProject[p.scenarioId] ?? null),
      ...s.fiscalYears.map((fy) => r.byYear[fy] ?? 0),
    ]),
  ];
  const numFmts = Object.fromEntries(Array.from({ length: head.length - 2 }, (_, i) => [i + 2, "#,##0"]));
  const buffer = await workbookBuffer([{ name: sheetNamer()("負担金一覧"), rows, headerRows: 2, titleRows: 1, numFmts }]);
  return {
    filename: safe(`共同調達負担金一覧${fiscalYear ? `_${fiscalYearLabel(fiscalYear)}` : ""}.xlsx`),
    contentType: xlsxMime,
    body: buffer,
  };
}
