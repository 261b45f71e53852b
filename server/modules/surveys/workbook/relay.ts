import type { z } from "zod";
import type { RelayInfo, RelayList, relayInput } from "../../../../shared/api/relay.js";
import { addBusinessDays } from "../../../../shared/dates/calendar.js";
import { fiscalYearAt, jstInstant } from "../../../../shared/dates/jst.js";
import { recordAudit } from "../../../platform/audit/record.js";
import { type Ctx, inTx, nowIso } from "../../../platform/context.js";
import { notFound } from "../../../platform/errors.js";
import { authorize } from "../../../platform/policy/authorize.js";
import { loadSurvey, phaseOf } from "../access.js";
import { updateSurvey } from "../builder.js";
import { countsBySurvey, findSurveyRow } from "../repo.js";
import type { SurveyRelaysTable } from "../tables.js";
import { findRelay, listRelayRows, upsertRelay } from "./repo.js";

/**
 * What a relayed survey carries of the national 照会: ministry, document number, national deadline,
 * the ministry's contact; the internal deadline proposed five business days before the national one.
 */
const RELAY_LEAD_BUSINESS_DAYS = 5;
const proposedDeadline = (national: string | null) => (national ? addBusinessDays(national, -RELAY_LEAD_BUSINESS_DAYS) : null);

const present = (r: SurveyRelaysTable): RelayInfo => ({
  surveyId: r.survey_id,
  ministry: r.ministry,
  documentNumber: r.document_number,
  nationalDeadline: r.national_deadline,
  contact: r.contact,
  fiscalYear: r.fiscal_year,
  proposedDeadline: proposedDeadline(r.national_deadline),
});

export async function getRelay(ctx: Ctx, id: string): Promise<RelayInfo> {
  await loadSurvey(ctx, id);
  const r = await findRelay(ctx, id);
  if (!r) throw notFound("国の照会の情報");
  return present(r);
}

export async function putRelay(ctx: Ctx, id: string, input: z.output<typeof relayInput>): Promise<RelayInfo> {
  return inTx(ctx, async (tx) => {
    const loaded = await loadSurvey(tx, id);
    authorize(tx.actor, "survey.update", loaded.subject);
    const before = await findRelay(tx, id);
    const row: SurveyRelaysTable = {
      survey_id: id,
      ministry: input.ministry,
      document_number: input.documentNumber,
      national_deadline: input.nationalDeadline,
      contact: input.contact,
      fiscal_year: before?.fiscal_year ?? fiscalYearAt(),
      updated_at: nowIso(),
    };
    await upsertRelay(tx, row);
    const proposed = proposedDeadline(row.national_deadline);
    if (input.applyProposedDeadline && proposed)
      await updateSurvey(tx, id, { deadlineAt: jstInstant(proposed, "17:00").toISOString() });
    await recordAudit(
      tx,
      "survey.relay",
      { type: "survey", id },
      {
        ministry: row.ministry,
        documentNumber: row.document_number,
        nationalDeadline: row.national_deadline,
        ...(input.applyProposedDeadline && proposed ? { deadline: proposed } : {}),
      },
    );
    return present(row);
  });
}

/** The relayed surveys of a fiscal year (this one by default) with where each stands. */
export async function listRelays(ctx: Ctx, fiscalYear?: number): Promise<RelayList> {
  authorize(ctx.actor, "survey.create");
  const fy = fiscalYear ?? fiscalYearAt();
  const rows = await listRelayRows(ctx, fy);
  const counts = await countsBySurvey(
    ctx,
    rows.map((r) => r.survey_id),
  );
  const items = [];
  for (const r of rows) {
    const s = (await findSurveyRow(ctx, r.survey_id))!;
    const c = counts.get(r.survey_id)!;
    items.push({
      ...present(r),
      title: r.title,
      phase: phaseOf(s),
      deadlineAt: s.deadline_at,
      targetCount: c.targets,
      submittedCount: c.submitted,
    });
  }
  return { fiscalYear: fy, items };
}
