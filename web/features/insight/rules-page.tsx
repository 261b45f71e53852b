import { type InsightRules, insightRules, suggestionKindLabels, suggestionKinds } from "../../../shared/api/insight.js";
import { parseNumberInput } from "../../../shared/numbers.js";
import { Button } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { CheckboxField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import type { MessageKey } from "../../lib/messages/index.js";
import { useRules, useSaveRules } from "./api.js";

/** The rules and thresholds behind agenda suggestions, visible to the secretariat and adjustable. */
export function RulesPage() {
  const { t, locale } = useI18n();
  const query = useRules();
  return (
    <>
      <PageHeader
        title={t("insight.rulesTitle")}
        description={t("insight.rulesLead")}
        breadcrumbs={[{ label: t("insight.title"), to: "/insight" }, { label: t("insight.rulesTitle") }]}
      />
      <QueryState query={query}>
        {(data) => (
          <>
            <p>
              {data.updatedAt
                ? t("insight.rulesUpdatedAt", { at: formatDateTime(data.updatedAt, locale) })
                : t("insight.rulesDefault")}
            </p>
            <RulesForm rules={data.rules} canEdit={data.canEdit} />
          </>
        )}
      </QueryState>
    </>
  );
}

const toNumber = (v: unknown) => (typeof v === "string" ? (parseNumberInput(v) ?? v) : v);

function RulesForm({ rules, canEdit }: { rules: InsightRules; canEdit: boolean }) {
  const { t, label } = useI18n();
  const toast = useToast();
  const save = useSaveRules();
  const form = useZodForm(insightRules, { defaultValues: rules });
  return (
    <ZodForm
      form={form}
      error={save.error}
      onValid={(v) => save.mutate(v, { onSuccess: () => toast.show(t("insight.rulesSaved"), "success") })}
      className="flex flex-col gap-6"
    >
      {suggestionKinds.map((kind) => (
        <fieldset key={kind} className="flex flex-col gap-3 rounded-12 border border-solid-gray-300 p-5" disabled={!canEdit}>
          <legend className="px-1 text-std-20B-150">{label(suggestionKindLabels, kind)}</legend>
          <CheckboxField label={t("insight.ruleEnabled")} {...form.field(`${kind}.enabled` as never)} />
          <div className="flex flex-wrap gap-4">
            {Object.keys(rules[kind])
              .filter((f) => f !== "enabled")
              .map((f) => (
                <TextField
                  key={f}
                  label={t(`insight.f.${f}` as MessageKey)}
                  inputMode="numeric"
                  className="w-56"
                  {...form.field(`${kind}.${f}` as never, { setValueAs: toNumber })}
                />
              ))}
          </div>
        </fieldset>
      ))}
      {canEdit && (
        <div>
          <Button type="submit" busy={save.isPending}>
            {t("insight.saveRules")}
          </Button>
        </div>
      )}
    </ZodForm>
  );
}
