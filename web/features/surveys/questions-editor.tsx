import { useState } from "react";
import {
  type Definition,
  type Question,
  type QuestionKind,
  questionKindLabels,
  questionKinds,
} from "../../../shared/surveys/definition.js";
import { Button } from "../../components/button.js";
import { SelectField, TextAreaField, TextField } from "../../components/form-field.js";
import { useI18n } from "../../lib/i18n.js";
import { nextId, nextQuestionId } from "./builder-ids.js";
import { QuestionEditor, withKind } from "./question-editor.js";

/** Sections and their questions; `error(path)` gives the server's message for "sections.0.questions.1.title". */
export function QuestionsEditor({
  def,
  onChange,
  error,
}: {
  def: Definition;
  onChange: (d: Definition) => void;
  error: (path: string) => string | undefined;
}) {
  const { t } = useI18n();
  const setSection = (si: number, patch: Partial<Definition["sections"][number]>) =>
    onChange({ sections: def.sections.map((s, i) => (i === si ? { ...s, ...patch } : s)) });
  const setQuestions = (si: number, qs: Question[]) => setSection(si, { questions: qs });
  let counter = 0;
  return (
    <div className="flex flex-col gap-6">
      {def.sections.map((s, si) => {
        const before = def.sections.slice(0, si).flatMap((x) => x.questions);
        return (
          <section
            key={s.id}
            aria-label={t("surveys.sectionN", { n: si + 1 })}
            className="flex flex-col gap-4 rounded-12 border border-solid-gray-300 p-4"
          >
            <div className="flex flex-wrap items-end gap-3">
              <TextField
                className="min-w-64 flex-1"
                label={t("surveys.sectionTitle", { n: si + 1 })}
                value={s.title}
                onChange={(e) => setSection(si, { title: e.target.value })}
              />
              {def.sections.length > 1 && (
                <Button
                  variant="danger"
                  size="sm"
                  onClick={() => onChange({ sections: def.sections.filter((_, i) => i !== si) })}
                >
                  {t("surveys.removeSection", { n: si + 1 })}
                </Button>
              )}
            </div>
            <TextAreaField
              label={t("surveys.sectionDescription", { n: si + 1 })}
              rows={2}
              value={s.description}
              onChange={(e) => setSection(si, { description: e.target.value })}
            />
            {s.questions.map((q, qi) => {
              const index = counter++;
              return (
                <QuestionEditor
                  key={q.id}
                  q={q}
                  index={index}
                  earlier={[...before, ...s.questions.slice(0, qi)]}
                  error={(field) => error(`sections.${si}.questions.${qi}.${field}`)}
                  onChange={(next) =>
                    setQuestions(
                      si,
                      s.questions.map((x, j) => (j === qi ? next : x)),
                    )
                  }
                  onRemove={() =>
                    setQuestions(
                      si,
                      s.questions.filter((_, j) => j !== qi),
                    )
                  }
                  onMove={(d) => {
                    const to = qi + d;
                    if (to < 0 || to >= s.questions.length) return;
                    const qs = [...s.questions];
                    [qs[qi], qs[to]] = [qs[to]!, qs[qi]!];
                    setQuestions(si, qs);
                  }}
                />
              );
            })}
            <AddQuestion
              onAdd={(kind) => {
                const base = {
                  id: nextQuestionId(def),
                  title: "",
                  help: "",
                  required: false,
                  showIf: null,
                  kind: "short_text",
                  maxLength: 200,
                } as Question;
                setQuestions(si, [...s.questions, withKind(base, kind)]);
              }}
              sectionNo={si + 1}
            />
          </section>
        );
      })}
      <div>
        <Button
          variant="secondary"
          onClick={() =>
            onChange({
              sections: [
                ...def.sections,
                {
                  id: nextId(
                    "s",
                    def.sections.map((s) => s.id),
                  ),
                  title: "",
                  description: "",
                  questions: [],
                },
              ],
            })
          }
        >
          {t("surveys.addSection")}
        </Button>
      </div>
    </div>
  );
}

function AddQuestion({ onAdd, sectionNo }: { onAdd: (k: QuestionKind) => void; sectionNo: number }) {
  const { t, label } = useI18n();
  const [kind, setKind] = useState<QuestionKind>("short_text");
  return (
    <div className="flex flex-wrap items-end gap-3 border-t border-dashed border-solid-gray-420 pt-4">
      <SelectField
        className="max-w-80"
        label={t("surveys.newQuestionKind", { n: sectionNo })}
        value={kind}
        options={questionKinds.map((k) => ({ value: k, label: label(questionKindLabels, k) }))}
        onChange={(e) => setKind(e.target.value as QuestionKind)}
      />
      <Button variant="secondary" onClick={() => onAdd(kind)}>
        {t("surveys.addQuestion")}
      </Button>
    </div>
  );
}
