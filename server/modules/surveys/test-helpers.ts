import { addDays, nextBusinessDay } from "../../../shared/dates/calendar.js";
import { jstDate, jstInstant } from "../../../shared/dates/jst.js";
import type { TestEnv } from "../../platform/testing/harness.js";
import { standardisationDefinition } from "./fixtures.js";

/** 17:00 Japan time on the first business day at least `days` days from today. */
export const deadlineIn = (days: number) => jstInstant(nextBusinessDay(addDays(jstDate(), days)), "17:00").toISOString();

/** Creates and publishes the standardisation survey as the secretariat; returns its body. */
export async function publishedSurvey(env: TestEnv, patch: Record<string, unknown> = {}) {
  const sec = await env.as("secretariat@example.jp");
  const created = await sec.post("/api/surveys", {
    title: "標準化の移行状況に関する照会（令和7年10月）",
    definition: standardisationDefinition(),
    deadlineAt: deadlineIn(14),
    ...patch,
  });
  if (created.status !== 201) throw new Error(`create failed: ${created.status} ${created.text}`);
  const published = await sec.post(`/api/surveys/${created.body.id}/publish`);
  if (published.status !== 200) throw new Error(`publish failed: ${published.status} ${published.text}`);
  return published.body;
}

/** Moves a survey's deadline into the past (as time would), straight in the database. */
export async function expireDeadline(env: TestEnv, id: string) {
  await env.database.db
    .updateTable("surveys")
    .set({ deadline_at: new Date(Date.now() - 3600_000).toISOString() })
    .where("id", "=", id)
    .execute();
}
