import type { RadarBacktest } from "../../../shared/api/insight.js";
import { addDays } from "../../../shared/dates/calendar.js";
import { jstDate, jstInstant } from "../../../shared/dates/jst.js";
import type { Ctx } from "../../platform/context.js";
import { invalid } from "../../platform/errors.js";
import { authorize } from "../../platform/policy/authorize.js";
import { radarDeskCountsAt } from "../consultations/index.js";
import { listOrgRows } from "../orgs/index.js";
import { nextDeadlineAfter, radarProgressCountsAt } from "../progress/index.js";
import { radarLateAnswers } from "../surveys/index.js";
import "./policy.js";
import { radarScore, spearman } from "./radar.js";

const municipal = new Set(["city", "town", "village"]);
const toMap = (rows: { orgId: string; n: number | string | bigint }[]) => new Map(rows.map((r) => [r.orgId, Number(r.n)]));

/**
 * The radar's backtest: the scores it would have given on a past day, from what was known then (progress from
 * its history, desk cases and survey answers by their dates; the digital-staff headcount as it is now, since
 * it has no history), against what happened by the next national deadline: the records still behind plan then.
 */
export async function getRadarBacktest(ctx: Ctx, q: { date: string; to?: string }): Promise<RadarBacktest> {
  authorize(ctx.actor, "insight.radar.read");
  const today = jstDate();
  if (q.date >= today)
    throw invalid("検証する日は過去の日付を指定してください。", [
      { path: "date", message: "今日より前の日付を指定してください" },
    ]);
  let to: string;
  let toReason: RadarBacktest["toReason"];
  if (q.to) {
    if (q.to <= q.date || q.to > today)
      throw invalid("結果を見る日は、検証する日より後で今日までの日付を指定してください。", [
        { path: "to", message: "検証する日より後、今日までの日付を指定してください" },
      ]);
    [to, toReason] = [q.to, "chosen"];
  } else {
    const deadline = await nextDeadlineAfter(ctx, q.date);
    [to, toReason] = deadline && deadline <= today ? [deadline, "deadline"] : [today, "today"];
  }

  const until = jstInstant(addDays(q.date, 1)).toISOString();
  const orgs = (await listOrgRows(ctx, {})).filter((o) => municipal.has(o.kind));
  const then = await radarProgressCountsAt(ctx, q.date);
  const after = await radarProgressCountsAt(ctx, to);
  const desk = await radarDeskCountsAt(ctx, jstInstant(addDays(q.date, -89)).toISOString(), until, q.date);
  const late = await radarLateAnswers(ctx, jstInstant(addDays(q.date, -364)).toISOString(), until);
  const [behind, exceptions, volume, missed, lateMap, behindAfter] = [
    then.behind,
    then.exceptions,
    desk.volume,
    desk.missed,
    late,
    after.behind,
  ].map(toMap) as Map<string, number>[];

  const scored = orgs.map((o) => ({
    o,
    behindAfter: behindAfter!.get(o.id) ?? 0,
    ...radarScore({
      lag: behind!.get(o.id) ?? 0,
      exceptions: exceptions!.get(o.id) ?? 0,
      deskVolume: volume!.get(o.id) ?? 0,
      deskMissed: missed!.get(o.id) ?? 0,
      lateSurveys: lateMap!.get(o.id) ?? 0,
      noDigitalStaff: o.digital_staff === 0 ? 1 : 0,
    }),
  }));
  scored.sort((a, b) => b.score - a.score || (a.o.lg_code ?? "").localeCompare(b.o.lg_code ?? ""));
  const topN = Math.ceil(scored.length / 4);
  const top = scored.slice(0, topN);
  const rest = scored.slice(topN);
  return {
    date: q.date,
    to,
    toReason,
    rows: scored.map((s, i) => ({
      orgId: s.o.id,
      orgName: s.o.name,
      lgCode: s.o.lg_code,
      rank: i + 1,
      score: s.score,
      components: s.components,
      behindThen: s.components.find((c) => c.key === "lag")!.value,
      behindAfter: s.behindAfter,
    })),
    summary: {
      topN,
      topBehind: top.filter((s) => s.behindAfter > 0).length,
      restN: rest.length,
      restBehind: rest.filter((s) => s.behindAfter > 0).length,
      correlation: spearman(
        scored.map((s) => s.score),
        scored.map((s) => s.behindAfter),
      ),
    },
  };
}
