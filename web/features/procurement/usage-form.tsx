import { type ScenarioDetail, scenarioPatch } from "../../../shared/api/procurement.js";
import { normalizeNumberText } from "../../../shared/numbers.js";
import { Button } from "../../components/button.js";
import { FieldTable } from "../../components/field-table.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { TextField } from "../../components/form-field.js";
import { api } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";
import { useProcurementMutation, useProject } from "./api.js";

type Row = { usage: string; min: string; max: string };
type Fields = { inputs: Record<string, Row> };

/** "" is no figure; a yen amount may be typed with commas or full-width digits. */
const yenOrNull = (v: string) => (v.trim() === "" ? null : Number(normalizeNumberText(v)));
const toInput = (v: Fields) => ({
  inputs: Object.fromEntries(
    Object.entries(v.inputs).map(([org, r]) => [
      org,
      { usage: r.usage.trim() === "" ? null : normalizeNumberText(r.usage), min: yenOrNull(r.min), max: yenOrNull(r.max) },
    ]),
  ),
});

/** The participants of the scenario's fiscal year (1 April to 31 March). */
function inYear<P extends { joinDate: string; leaveDate: string | null }>(ps: P[], fy: number) {
  return ps.filter((p) => p.joinDate <= `${fy + 1}-03-31` && (p.leaveDate == null || p.leaveDate >= `${fy}-04-01`));
}

/** A draft's usage figure (利用量) and optional lower/upper bound (yen) per participant, saved as the scenario's inputs. */
export function UsageForm({ s }: { s: ScenarioDetail }) {
  const project = useProject(s.project.id);
  if (!project.data) return null;
  const participants = inYear(project.data.participants, s.fiscalYear);
  return <UsageTable s={s} participants={participants} key={participants.map((p) => p.org.id).join()} />;
}

function UsageTable({ s, participants }: { s: ScenarioDetail; participants: { org: { id: string; name: string } }[] }) {
  const { t } = useI18n();
  const text = (n: number | null | undefined) => (n == null ? "" : String(n));
  const form = useZodForm<typeof scenarioPatch, Fields>(scenarioPatch, {
    toInput,
    defaultValues: {
      inputs: Object.fromEntries(
        participants.map((p) => {
          const i = s.inputs[p.org.id];
          return [p.org.id, { usage: i?.usage ?? "", min: text(i?.min), max: text(i?.max) }];
        }),
      ),
    },
  });
  const save = useProcurementMutation((body: unknown) => api.patch<ScenarioDetail>(`/procurement/scenarios/${s.id}`, body));
  return (
    <ZodForm
      form={form}
      onValid={(v) => save.mutate(v)}
      error={save.error}
      aria-labelledby="usage-heading"
      className="flex flex-col gap-3"
    >
      <h2 id="usage-heading" className="text-std-20B-150">
        {t("procurement.usageInputs")}
      </h2>
      <p>{t("procurement.usageInputsHint")}</p>
      <FieldTable
        rowHeader={t("procurement.org")}
        rows={participants}
        rowKey={(p) => p.org.id}
        rowName={(p) => p.org.name}
        columns={[
          {
            key: "usage",
            header: t("procurement.usage"),
            field: (p, _, l) => <TextField label={l} inputMode="decimal" {...form.field(`inputs.${p.org.id}.usage`)} />,
          },
          {
            key: "min",
            header: t("procurement.min"),
            field: (p, _, l) => <TextField label={l} inputMode="numeric" {...form.field(`inputs.${p.org.id}.min`)} />,
          },
          {
            key: "max",
            header: t("procurement.max"),
            field: (p, _, l) => <TextField label={l} inputMode="numeric" {...form.field(`inputs.${p.org.id}.max`)} />,
          },
        ]}
      />
      <div>
        <Button type="submit" busy={save.isPending}>
          {t("procurement.usageSave")}
        </Button>
      </div>
    </ZodForm>
  );
}
