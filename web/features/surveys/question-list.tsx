import type { Definition } from "../../../shared/surveys/definition.js";
import type { AnswerData } from "../../../shared/surveys/rules.js";
import { issuesFor } from "./format.js";
import { type FieldContext, QuestionField } from "./question-field.js";

/** The sections and their shown questions (a hidden question is not rendered at all). */
export function QuestionList({
  def,
  data,
  shown,
  issues,
  onChange,
  ctx,
}: {
  def: Definition;
  data: AnswerData;
  shown: Set<string>;
  issues: { path: string; message: string }[];
  onChange: (questionId: string, v: unknown) => void;
  ctx: FieldContext;
}) {
  return (
    <div className="flex flex-col gap-8">
      {def.sections.map((s) => (
        <section key={s.id} aria-labelledby={s.title ? `section-${s.id}` : undefined} className="flex flex-col gap-5">
          {(s.title || s.description) && (
            <div>
              {s.title && (
                <h2 id={`section-${s.id}`} className="text-std-20B-150">
                  {s.title}
                </h2>
              )}
              {s.description && <p className="whitespace-pre-wrap text-std-16N-170 text-solid-gray-700">{s.description}</p>}
            </div>
          )}
          {s.questions
            .filter((q) => shown.has(q.id))
            .map((q) => (
              <QuestionField
                key={q.id}
                q={q}
                value={data[q.id]}
                onChange={(v) => onChange(q.id, v)}
                errors={issuesFor(issues, q.id)}
                {...ctx}
              />
            ))}
        </section>
      ))}
    </div>
  );
}
