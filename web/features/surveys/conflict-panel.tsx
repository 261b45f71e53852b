import { useState } from "react";
import { allQuestions, type Definition, type Question } from "../../../shared/surveys/definition.js";
import { textOf } from "../../../shared/surveys/format.js";
import { Alert } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { RadioGroup } from "../../components/radio-group.js";
import { formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import type { Conflict } from "./use-answer-editor.js";

/** What a value reads as, for a question or one grid cell ("grid.row.col"). */
function describeValue(def: Definition, key: string, v: unknown, empty: string): { label: string; text: string } {
  const [qid, row, col] = key.split(".");
  const q = allQuestions(def).find((x) => x.id === qid) as Question;
  if (q?.kind === "grid" && row && col) {
    const c = q.columns.find((x) => x.id === col);
    const r = q.rows.find((x) => x.id === row);
    return { label: `${q.title}：${r?.label ?? row}・${c?.label ?? col}`, text: c ? textOf(c, v) || empty : String(v ?? empty) };
  }
  return { label: q?.title ?? key, text: q ? textOf(q, v) || empty : String(v ?? empty) };
}

/**
 * Shown when a colleague saved the same answer first: their changes and mine side by side.
 * What only one of us changed is merged already; where both changed the same field, the person picks.
 */
export function ConflictPanel({
  def,
  conflict,
  onAccept,
}: {
  def: Definition;
  conflict: Conflict;
  onAccept: (c: Record<string, "mine" | "theirs">) => void;
}) {
  const { t, locale } = useI18n();
  const [choices, setChoices] = useState<Record<string, "mine" | "theirs">>({});
  const who = conflict.theirs.updatedBy?.name ?? t("surveys.someoneElse");
  const empty = t("surveys.emptyValue");
  return (
    <section
      aria-labelledby="conflict-title"
      className="flex flex-col gap-4 rounded-8 border-2 border-orange-900 bg-orange-50 p-4"
    >
      <h2 id="conflict-title" className="text-std-20B-150">
        {t("surveys.conflictTitle")}
      </h2>
      <Alert tone="warning" role="alert">
        <p>{conflict.message}</p>
        <p>{t("surveys.conflictSaved", { who, at: formatDateTime(conflict.theirs.updatedAt, locale) })}</p>
      </Alert>
      {conflict.result.takenFromThem.length > 0 && (
        <div>
          <h3 className="text-std-16B-170">{t("surveys.conflictTheirs", { who })}</h3>
          <ul className="list-disc pl-6">
            {conflict.result.takenFromThem.map((k) => {
              const d = describeValue(def, k, null, empty);
              const key = k.split(".");
              const theirs =
                key.length === 3
                  ? (conflict.theirs.data[key[0]!] as Record<string, Record<string, unknown>>)?.[key[1]!]?.[key[2]!]
                  : conflict.theirs.data[k];
              return (
                <li key={k}>
                  {d.label}：{describeValue(def, k, theirs, empty).text}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {conflict.result.conflicts.length === 0 ? (
        <p>{t("surveys.conflictNone")}</p>
      ) : (
        <div className="flex flex-col gap-3">
          <h3 className="text-std-16B-170">{t("surveys.conflictChoose")}</h3>
          {conflict.result.conflicts.map((c) => {
            const mine = describeValue(def, c.key, c.mine, empty);
            const theirs = describeValue(def, c.key, c.theirs, empty);
            return (
              <RadioGroup
                key={c.key}
                legend={mine.label}
                name={`conflict-${c.key}`}
                value={choices[c.key] ?? "mine"}
                onChange={(v) => setChoices((all) => ({ ...all, [c.key]: v }))}
                options={[
                  { value: "mine", label: t("surveys.conflictMine", { value: mine.text }) },
                  { value: "theirs", label: t("surveys.conflictTheir", { who, value: theirs.text }) },
                ]}
              />
            );
          })}
        </div>
      )}
      <div>
        <Button onClick={() => onAccept(choices)}>{t("surveys.conflictSave")}</Button>
      </div>
    </section>
  );
}
