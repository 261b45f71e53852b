import { jstDate } from "../../../shared/dates/jst.js";
import type { Ctx } from "../../platform/context.js";
import { aggregateProgramme } from "./dashboard.js";
import { onlineFigures } from "./online.js";
import { toPercent } from "./present.js";
import { listItemRows, listMunicipalOrgs, listProgrammeRows, type ProgrammeRow } from "./repo.js";

/**
 * A programme's figures across all municipalities, without naming any: for the open data and a body's
 * space. The mean is over each municipality's own mean (as the dashboard's overall figure).
 */
export interface ProgrammeTotals {
  programme: ProgrammeRow;
  municipalities: number;
  reporting: number;
  meanPercent: number | null;
  /** Municipalities complete: every record at 100 % — for online procedures, the national definition (all via マイナポータル). */
  complete: number;
  /** Online procedures only: municipalities with every target procedure online through any channel (other e-application systems included). */
  completeAnyChannel: number | null;
  overdueRecords: number;
  day: string;
}

export async function programmeTotals(ctx: Ctx, keep: (p: ProgrammeRow) => boolean): Promise<ProgrammeTotals[]> {
  const programmes = (await listProgrammeRows(ctx)).filter(keep);
  const orgList = await listMunicipalOrgs(ctx);
  const municipalities = orgList.length;
  const day = jstDate();
  const out: ProgrammeTotals[] = [];
  for (const p of programmes) {
    const itemIds = (await listItemRows(ctx, [p.id])).map((i) => i.id);
    const { orgs } = await aggregateProgramme(ctx, p.id, itemIds, orgList, { asOf: null, day, filtered: false });
    const means = orgs.filter((o) => o.n > 0).map((o) => o.sum / o.n);
    const online = await onlineFigures(
      ctx,
      itemIds,
      orgList.map((o) => o.id),
      null,
      p.id,
    );
    out.push({
      programme: p,
      municipalities,
      reporting: means.length,
      meanPercent: means.length ? toPercent(means.reduce((a, b) => a + b, 0) / means.length) : null,
      complete: online ? online.national.complete : means.filter((m) => m >= 10_000).length,
      completeAnyChannel: online ? online.broad.complete : null,
      overdueRecords: orgs.reduce((n, o) => n + o.overdue, 0),
      day,
    });
  }
  return out;
}
