import { type ProjectDetail, phaseStatuses, phaseStatusLabels, phasesInput } from "../../../shared/api/procurement.js";
import { Button } from "../../components/button.js";
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
  const hidden = (name: string) => <span className="sr-only">{name} </span>;
  return (
    <ZodForm
      form={form}
      onValid={(v) => save.mutate(v)}
      error={save.error}
      aria-label={t("procurement.phasesEdit")}
      className="flex flex-col gap-3"
    >
      <table className="w-full border-collapse">
        <caption className="sr-only">{t("procurement.phasesEdit")}</caption>
        <thead>
          <tr>
            <th scope="col" className="px-2 py-1 text-left">
              {t("procurement.phases")}
            </th>
            <th scope="col" className="px-2 py-1 text-left">
              {t("procurement.phaseStart")}
            </th>
            <th scope="col" className="px-2 py-1 text-left">
              {t("procurement.phaseEnd")}
            </th>
            <th scope="col" className="px-2 py-1 text-left">
              {t("procurement.status")}
            </th>
          </tr>
        </thead>
        <tbody>
          {p.phases.map((ph, i) => (
            <tr key={ph.name} className="border-t border-solid-gray-420 align-top">
              <th scope="row" className="px-2 py-2 text-left">
                {ph.name}
              </th>
              <td className="px-2 py-2">
                <TextField
                  type="date"
                  label={
                    <>
                      {hidden(ph.name)}
                      {t("procurement.phaseStart")}
                    </>
                  }
                  {...form.field(`phases.${i}.startDate`)}
                />
              </td>
              <td className="px-2 py-2">
                <TextField
                  type="date"
                  label={
                    <>
                      {hidden(ph.name)}
                      {t("procurement.phaseEnd")}
                    </>
                  }
                  {...form.field(`phases.${i}.endDate`)}
                />
              </td>
              <td className="px-2 py-2">
                <SelectField
                  label={
                    <>
                      {hidden(ph.name)}
                      {t("procurement.status")}
                    </>
                  }
                  {...form.field(`phases.${i}.status`)}
                  options={phaseStatuses.map((s) => ({ value: s, label: label(phaseStatusLabels, s) }))}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div>
        <Button type="submit" variant="secondary" busy={save.isPending}>
          {t("procurement.phasesSave")}
        </Button>
      </div>
    </ZodForm>
  );
}
