import type { ProgressItem } from "../../../shared/api/progress.js";
import type { GridQuestion } from "../../../shared/surveys/definition.js";
import type { ProgressMapping } from "../../../shared/surveys/progress-map.js";
import { Button } from "../../components/button.js";
import { SelectField } from "../../components/form-field.js";
import { useI18n } from "../../lib/i18n.js";
import { TargetEditor } from "./target-editor.js";

type GridMap = ProgressMapping["grids"][number];

/** One grid: each row onto an item (matched by name in one click), each column onto what it says. */
export function GridMapping({
  grid,
  items,
  value,
  onChange,
}: {
  grid: GridQuestion;
  items: ProgressItem[];
  value: GridMap | null;
  onChange: (v: GridMap | null) => void;
}) {
  const { t } = useI18n();
  const m: GridMap = value ?? { questionId: grid.id, rows: {}, columns: [] };
  const mapped = items.filter((i) => Object.values(m.rows).includes(i.id));
  const byName = () => {
    const rows: Record<string, string> = {};
    for (const r of grid.rows) {
      const hit = items.find((i) => i.name === r.label);
      if (hit) rows[r.id] = hit.id;
    }
    onChange({ ...m, rows });
  };
  return (
    <section aria-labelledby={`map-${grid.id}`} className="flex flex-col gap-4 rounded-12 border border-solid-gray-300 p-5">
      <h2 id={`map-${grid.id}`} className="text-std-20B-150">
        {t("surveys.mapGrid", { title: grid.title })}
      </h2>
      <div>
        <Button variant="secondary" size="sm" onClick={byName}>
          {t("surveys.matchByName")}
        </Button>
        <span className="ml-3 text-dns-14N-130" aria-live="polite">
          {t("surveys.rowsMapped", { n: Object.keys(m.rows).length, total: grid.rows.length })}
        </span>
      </div>
      <details>
        <summary className="cursor-pointer text-std-16B-170">{t("surveys.rowMapping")}</summary>
        <div className="mt-3 grid gap-3 sm:grid-cols-2">
          {grid.rows.map((r) => (
            <SelectField
              key={r.id}
              label={r.label}
              value={m.rows[r.id] ?? ""}
              options={[{ value: "", label: t("surveys.mapNone") }, ...items.map((i) => ({ value: i.id, label: i.name }))]}
              onChange={(e) => {
                const rows = { ...m.rows };
                if (e.target.value) rows[r.id] = e.target.value;
                else delete rows[r.id];
                onChange({ ...m, rows });
              }}
            />
          ))}
        </div>
      </details>
      {grid.columns.map((c) => (
        <TargetEditor
          key={c.id}
          source={c}
          name={c.label}
          items={mapped.length ? mapped : items}
          target={m.columns.find((x) => x.columnId === c.id)?.target ?? null}
          onChange={(target) =>
            onChange({
              ...m,
              columns: [...m.columns.filter((x) => x.columnId !== c.id), ...(target ? [{ columnId: c.id, target }] : [])],
            })
          }
        />
      ))}
    </section>
  );
}
