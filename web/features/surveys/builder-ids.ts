import type { ChoiceOption, Definition } from "../../../shared/surveys/definition.js";
import { allQuestions } from "../../../shared/surveys/definition.js";

/** The next free id with a prefix: q1, q2, … (ids only need to be unique within their list). */
export function nextId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let i = 1; ; i++) if (!used.has(`${prefix}${i}`)) return `${prefix}${i}`;
}

export const nextQuestionId = (def: Definition) =>
  nextId(
    "q",
    allQuestions(def).map((q) => q.id),
  );

/**
 * Options edited as lines of text: a line that keeps its label keeps its id (so conditions and
 * mappings that point to it survive an edit); new lines get new ids.
 */
export function linesToOptions(text: string, before: ChoiceOption[], prefix: string): ChoiceOption[] {
  const out: ChoiceOption[] = [];
  const taken = new Set(before.map((o) => o.id));
  for (const line of text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)) {
    const same = before.find((o) => o.label === line && !out.some((x) => x.id === o.id));
    if (same) out.push(same);
    else {
      const id = nextId(prefix, [...taken, ...out.map((o) => o.id)]);
      taken.add(id);
      out.push({ id, label: line });
    }
  }
  return out;
}

export const optionsToLines = (options: ChoiceOption[]) => options.map((o) => o.label).join("\n");
