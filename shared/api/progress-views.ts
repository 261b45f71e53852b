import { z } from "zod";
import { isoDate } from "./common.js";
import { historyEntry, item, stepStatuses } from "./progress.js";

/** Read models of progress: the dashboard, the municipality page, the item page and the import report. */

const municipalKindFilter = z.enum(["city", "town", "village"]);
export const dashboardQuery = z.object({
  programmeId: z.uuid().optional(),
  kind: municipalKindFilter.optional(),
  small: z.enum(["true", "false"]).optional(),
  smallFirst: z.enum(["true", "false"]).optional(),
  asOf: isoDate.optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

const orgRef = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  lgCode: z.string().nullable(),
  population: z.number().nullable(),
  isSmall: z.boolean(),
});
/** Why one municipality's item is listed as 「遅れている」 on its page. */
const laggingReasons = ["overdue", "below_mean"] as const;
export type LaggingReason = (typeof laggingReasons)[number];
/**
 * The most urgent municipalities the dashboard lists as behind plan. A prefecture has a few dozen at most;
 * at national scale nearly all of 1,741 can be behind, and a list that long is neither read nor light to send.
 */
export const BEHIND_LISTED = 50;

export const behindReasons = ["overdue", "below_median"] as const;
export const behindReasonLabels: Record<(typeof behindReasons)[number], { ja: string; en: string }> = {
  overdue: { ja: "予定日・期限を過ぎて未完了", en: "Past a planned date or deadline" },
  below_median: { ja: "県内の中央値を大きく下回る", en: "Far below the prefecture's median" },
};

const completionFigure = z.object({ complete: z.number(), pct: z.number().nullable() });
/**
 * A programme of online procedures (shared/progress/online.ts): municipalities complete by the national
 * definition (all target procedures via マイナポータル) and, separately, via any online channel.
 */
const onlineCompletion = z.object({
  counted: z.number(),
  noData: z.number(),
  national: completionFigure,
  broad: completionFigure,
});

/** Percentages are 0–100 with up to two decimals; null where nothing applies or nothing was tracked yet. */
export const dashboard = z.object({
  programmes: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  programme: z
    .object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      deadline: z.string().nullable(),
      exceptionLabel: z.string().nullable(),
      lagThreshold: z.number(),
    })
    .nullable(),
  asOf: z.string().nullable(),
  today: z.string(),
  items: z.array(
    z.object({ id: z.string(), code: z.string(), name: z.string(), group: z.string().nullable(), pct: z.number().nullable() }),
  ),
  orgs: z.array(orgRef.extend({ pct: z.number().nullable(), overdueItems: z.number(), exceptionItems: z.number() })),
  overall: z.number().nullable(),
  median: z.number().nullable(),
  /** Null unless the programme's items are online procedures, and for a past day ("as of": current state only). */
  online: onlineCompletion.nullable(),
  trend: z.array(z.object({ month: z.string(), pct: z.number().nullable() })),
  /** How many municipalities are behind plan; `behind` lists the most urgent of them, at most BEHIND_LISTED. */
  behindCount: z.number(),
  behind: z.array(
    z.object({
      orgId: z.string(),
      name: z.string(),
      isSmall: z.boolean(),
      pct: z.number().nullable(),
      overdueItems: z.number(),
      medianGap: z.number().nullable(),
      reasons: z.array(z.enum(behindReasons)),
    }),
  ),
  abilities: z.object({
    canManage: z.boolean(),
    canImport: z.boolean(),
    canEditAll: z.boolean(),
    canEditOrgId: z.string().nullable(),
  }),
});
export type Dashboard = z.infer<typeof dashboard>;

/**
 * The heatmap's cells, served apart from the summary so the summary stays small at national scale:
 * cells[orgIndex][itemIndex] in the order of orgIds and itemIds (the summary's order).
 */
export const matrix = z.object({
  asOf: z.string().nullable(),
  orgIds: z.array(z.string()),
  itemIds: z.array(z.string()),
  cells: z.array(z.array(z.number().nullable())),
  /**
   * The cells' marks, one text per municipality with one digit per item (`marks[orgIndex][itemIndex]`): the sum of
   * `cellMark`'s values that apply, "0" for none. At national scale this is 35 KB, where a pair per marked cell was
   * about 180 KB as of a past day (bench:progress).
   */
  marks: z.array(z.string().regex(/^[0-3]*$/)),
});
export type Matrix = z.infer<typeof matrix>;

/** A heatmap cell's marks: past due, and flagged as an exception. */
export const cellMark = { overdue: 1, exception: 2 } as const;
export const hasMark = (marks: string, itemIndex: number, mark: number) => ((marks.charCodeAt(itemIndex) - 48) & mark) !== 0;

const itemStanding = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  group: z.string().nullable(),
  tracking: z.string(),
  pct: z.number().nullable(),
  done: z.number().nullable(),
  inProgress: z.number().nullable(),
  applicable: z.number().nullable(),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
  exception: z.boolean(),
  exceptionReason: z.string().nullable(),
  revisedTarget: z.string().nullable(),
});
export const orgPage = z.object({
  org: orgRef,
  asOf: z.string().nullable(),
  programmes: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      exceptionLabel: z.string().nullable(),
      pct: z.number().nullable(),
      items: z.array(itemStanding),
    }),
  ),
  lagging: z.array(
    z.object({
      itemId: z.string(),
      itemName: z.string(),
      programmeName: z.string(),
      pct: z.number().nullable(),
      dueDate: z.string().nullable(),
      exception: z.boolean(),
      /** Why the item is behind: a planned date has passed with work open, and/or it lags the other municipalities. */
      reasons: z.array(z.enum(laggingReasons)),
      /** The other municipalities' mean for the item (percent), and the gap in points that counts as lagging. */
      mean: z.number().nullable(),
      lagPoints: z.number(),
    }),
  ),
  recent: z.array(historyEntry),
  abilities: z.object({ canEdit: z.boolean() }),
});
export type OrgPage = z.infer<typeof orgPage>;

export const itemPage = z.object({
  item,
  programme: z.object({
    id: z.string(),
    name: z.string(),
    exceptionLabel: z.string().nullable(),
    /** The programme-wide (national) deadline, which an item without its own deadline follows. */
    deadline: z.string().nullable(),
  }),
  asOf: z.string().nullable(),
  pct: z.number().nullable(),
  rows: z.array(
    z.object({
      org: orgRef,
      pct: z.number().nullable(),
      dueDate: z.string().nullable(),
      overdue: z.boolean(),
      exception: z.boolean(),
      exceptionReason: z.string().nullable(),
      revisedTarget: z.string().nullable(),
      metricFy: z.number().nullable(),
      /** Per step of the item, in order; null in an "as of" view (history keeps changes, not every step's past). */
      steps: z
        .array(z.object({ status: z.enum(stepStatuses), plannedDate: z.string().nullable(), actualDate: z.string().nullable() }))
        .nullable(),
      canEdit: z.boolean(),
    }),
  ),
});
export type ItemPage = z.infer<typeof itemPage>;

const importIssue = z.object({
  path: z.string(),
  message: z.string(),
  sheet: z.string().optional(),
  row: z.number().optional(),
  column: z.string().optional(),
});
export const importResult = z.object({
  dryRun: z.boolean(),
  format: z.enum(["xlsx", "csv"]),
  encoding: z.string().nullable(),
  sheets: z.array(z.object({ name: z.string(), item: z.string().nullable(), rows: z.number(), note: z.string().nullable() })),
  applied: z.number(),
  unchanged: z.number(),
  issues: z.array(importIssue),
  changes: z.array(
    z.object({
      org: z.string(),
      item: z.string(),
      pctBefore: z.number().nullable(),
      pctAfter: z.number().nullable(),
      fields: z.number(),
    }),
  ),
});
export type ImportResult = z.infer<typeof importResult>;

export const exportQuery = z.object({
  programmeId: z.uuid(),
  itemId: z.uuid().optional(),
  format: z.enum(["xlsx", "csv"]).default("xlsx"),
  fiscalYear: z.coerce.number().int().min(2000).max(2100).optional(),
  encoding: z.enum(["utf8", "sjis"]).default("utf8"),
});

/** The whole programme's XLSX, written by a background job: ask for it, follow its progress, then download. */
export const exportJobInput = z.object({ programmeId: z.uuid({ error: "取組を選んでください" }) });
const exportJobStatuses = ["queued", "running", "done", "failed"] as const;
export const exportJob = z.object({
  id: z.string(),
  programmeId: z.string(),
  status: z.enum(exportJobStatuses),
  /** 0–100: sheets written of sheets to write. */
  percent: z.number(),
  /** Set once done: the file's name, downloaded from /progress/exports/:id/file. */
  fileName: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
});
export type ExportJob = z.infer<typeof exportJob>;

/** One step on a timeline (線表): its planned and actual dates. */
const timelineStep = z.object({
  name: z.string(),
  status: z.enum(stepStatuses),
  plannedDate: z.string().nullable(),
  actualDate: z.string().nullable(),
});
export type TimelineStep = z.infer<typeof timelineStep>;

/** A municipality's timeline: per programme, each step-tracked item's steps against its national deadline. */
export const orgTimeline = z.object({
  org: z.object({ id: z.string(), name: z.string() }),
  programmes: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      deadline: z.string().nullable(),
      items: z.array(
        z.object({ id: z.string(), name: z.string(), deadline: z.string().nullable(), steps: z.array(timelineStep) }),
      ),
    }),
  ),
});
export type OrgTimeline = z.infer<typeof orgTimeline>;
