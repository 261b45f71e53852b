import { type ProjectDetail, phaseStatuses, phaseStatusLabels, phasesInput } from "../../../shared/api/procurement.js";
import { Button } from "../../components/button.js";
import { FieldTable } from "../../components/field-table.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { SelectField, TextField } from "../../components/form-field.js";
import { api } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";
import { useProcurementMutation } from "./api.js";

type Phase = { name: string; startDate: string; endDate: string; status: string };
type Fields = { phases: Phase[] };

const toInput = (v: Fields) => ({
  phases: v.phases.map((p) => ({ ...p, startDate: p.startDate || null, endDate: p.endDate || null })),
});

/** The project's phases (要望調査 → 運用): dates and status of each, saved together. */
export function PhasesForm({ p }: { p: ProjectDetail }) {
  const { t, label } = useI18n();
  const form = useZodForm<typeof phasesInput, Fields>(phasesInput, {
    toInput,
    defaultValues: {
      phases: p.phases.map((ph) => ({
        name: ph.name,
        startDate: ph.startDate ?? "",
        endDate: ph.endDate ?? "",
        status: ph.status,
      })),
    },
  });
  const save = useProcurementMutation((body: unknown) => api.put<ProjectDetail>(`/procurement/projects/${p.id}/phases`, body));
  return (
    <ZodForm
      form={form}
      onValid={(v) => save.mutate(v)}
      error={save.error}
      aria-label={t("procurement.phasesEdit")}
      className="flex flex-col gap-3"
    >
      <FieldTable
        caption={t("procurement.phasesEdit")}
        rowHeader={t("procurement.phases")}
        rows={p.phases}
        rowKey={(ph) => ph.name}
        rowName={(ph) => ph.name}
        columns={[
          {
            key: "start",
            header: t("procurement.phaseStart"),
            field: (_, i, l) => <TextField type="date" label={l} {...form.field(`phases.${i}.startDate`)} />,
          },
          {
            key: "end",
            header: t("procurement.phaseEnd"),
            field: (_, i, l) => <TextField type="date" label={l} {...form.field(`phases.${i}.endDate`)} />,
          },
          {
            key: "status",
            header: t("procurement.status"),
            field: (_, i, l) => (
              <SelectField
                label={l}
                {...form.field(`phases.${i}.status`)}
                options={phaseStatuses.map((s) => ({ value: s, label: label(phaseStatusLabels, s) }))}
              />
            ),
          },
        ]}
      />
      <div>
        <Button type="submit" variant="secondary" busy={save.isPending}>
          {t("procurement.phasesSave")}
        </Button>
      </div>
    </ZodForm>
  );
}
