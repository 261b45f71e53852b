import { jstDate, jstInstant, jstTime } from "../../../shared/dates/jst.js";
import type { BadgeTone } from "../../components/badge.js";

/** Colours of the badges (the text always says it too). */
export const phaseTone = (p: string): BadgeTone =>
  (({ draft: "neutral", scheduled: "blue", open: "green", overdue: "orange", closed: "neutral" }) as Record<string, BadgeTone>)[
    p
  ] ?? "neutral";
export const answerTone = (s: string): BadgeTone =>
  (({ not_started: "red", draft: "orange", submitted: "green", returned: "red" }) as Record<string, BadgeTone>)[s] ?? "neutral";

/** "2025-10-31T08:00:00Z" → { date: "2025-10-31", time: "17:00" } in Japan time (the picker's fields). */
export function jstParts(iso: string | null | undefined): { date: string; time: string } {
  if (!iso) return { date: "", time: "17:00" };
  return { date: jstDate(iso), time: jstTime(iso) };
}
/** The picker's fields back to an instant with the Japan offset. */
export const fromJstParts = (date: string, time: string) => (date ? jstInstant(date, time || "17:00").toISOString() : null);

/** Issues of one question (its own path and its cells'), keyed by the path after "answers.". */
export function issuesFor(issues: { path: string; message: string }[], questionId: string) {
  const out = new Map<string, string>();
  for (const i of issues) {
    if (i.path === `answers.${questionId}`) out.set("", i.message);
    else if (i.path.startsWith(`answers.${questionId}.`)) out.set(i.path.slice(`answers.${questionId}.`.length), i.message);
  }
  return out;
}

export const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
