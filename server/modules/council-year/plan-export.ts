import { meetingKindLabels, meetingStatusLabels } from "../../../shared/api/meetings.js";
import { planEntryTypeLabels, planOutcomeLabels, type YearPlan } from "../../../shared/api/year-plan.js";
import { warekiWithWeekday } from "../../../shared/dates/format.js";
import type { Ctx } from "../../platform/context.js";
import type { Download } from "../../platform/files/download.js";
import { excelDate, excelTime, sheetNamer, workbookBuffer, type XlsxValue, xlsxMime } from "../../platform/files/xlsx.js";
import { getYearPlan } from "./plan.js";

/** The warnings of an entry as a clerk reads them in the sheet. */
export const warningText = (w: YearPlan["entries"][number]["warnings"][number]) =>
  w.code === "closed" ? `閉庁日（${w.detail}）` : `同じ週に${w.detail}`;

/** The plan as a workbook: one row per entry in date order, then the meetings held outside the plan. */
export async function yearPlanXlsx(ctx: Ctx, fy: number): Promise<Download> {
  const plan = await getYearPlan(ctx, fy);
  const name = sheetNamer();
  const rows: XlsxValue[][] = [
    [`${plan.label} 年間計画（${warekiWithWeekday(plan.startDate)}〜${warekiWithWeekday(plan.endDate)}）`],
    ["会議体", "種類", "目的・名称", "開始日", "終了日", "開催形式", "実績", "会議", "開催日時", "注意"],
    ...plan.entries.map((e) => [
      e.bodyName ?? "",
      planEntryTypeLabels[e.type].ja,
      e.title,
      excelDate(e.startDate),
      excelDate(e.endDate),
      e.kind ? meetingKindLabels[e.kind].ja : "",
      e.outcome ? planOutcomeLabels[e.outcome].ja : "",
      e.meeting?.name ?? "",
      excelTime(e.meeting?.startsAt),
      e.warnings.map(warningText).join("、"),
    ]),
  ];
  const sheets = [
    { name: name("年間計画"), rows, headerRows: 2, titleRows: 1, widths: [30, 12, 36, 12, 12, 12, 16, 44, 18, 30] },
  ];
  if (plan.unplanned.length)
    sheets.push({
      name: name("計画外の会議"),
      rows: [
        ["計画外の会議"],
        ["会議体", "会議", "開催日時", "状態"],
        ...plan.unplanned.map((m) => [m.bodyName, m.name, excelTime(m.startsAt), meetingStatusLabels[m.status].ja]),
      ],
      headerRows: 2,
      titleRows: 1,
      widths: [30, 44, 18, 16],
    });
  return { filename: `${plan.label}_年間計画.xlsx`, contentType: xlsxMime, body: await workbookBuffer(sheets) };
}
