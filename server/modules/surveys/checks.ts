import type { z } from "zod";
import type { checkInput } from "../../../shared/api/relay.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, nowIso } from "../../platform/context.js";
import { invalid } from "../../platform/errors.js";
import { authorize } from "../../platform/policy/authorize.js";
import { loadSurvey } from "./access.js";
import { setAnswerChecks } from "./repo.js";
import { targetStates } from "./targets-repo.js";

/**
 * 確認済: the secretariat marks submitted answers as checked, one by one or in bulk, with who and
 * when. Only submitted answers can be checked; any change to an answer (a save, a return) voids it.
 */
export async function setChecks(ctx: Ctx, id: string, input: z.infer<typeof checkInput>) {
  return inTx(ctx, async (tx) => {
    const { subject } = await loadSurvey(tx, id);
    authorize(tx.actor, "survey.track", subject);
    const states = new Map((await targetStates(tx, id)).map((s) => [s.org_id, s]));
    const issues = input.orgIds.flatMap((orgId, i) => {
      const s = states.get(orgId);
      if (!s) return [{ path: `orgIds.${i}`, message: "この照会の回答先ではありません" }];
      if (s.status !== "submitted")
        return [{ path: `orgIds.${i}`, message: `${s.name}の回答は提出されていないため確認済みにできません` }];
      return [];
    });
    if (issues.length) throw invalid("提出済みの回答だけを確認済みにできます。", issues);
    const changed = await setAnswerChecks(
      tx,
      id,
      input.orgIds,
      input.checked ? nowIso() : null,
      input.checked ? tx.actor!.userId : null,
    );
    await recordAudit(
      tx,
      input.checked ? "surveyAnswer.check" : "surveyAnswer.uncheck",
      { type: "survey", id },
      { orgIds: input.orgIds },
    );
    return { changed };
  });
}
