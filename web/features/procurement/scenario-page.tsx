import { type FormEvent, useState } from "react";
import { useNavigate, useParams } from "react-router";
import type { z } from "zod";
import { correctionInput, remainderLabels, roundingLabels, type ScenarioDetail } from "../../../shared/api/procurement.js";
import { fiscalYearLabel } from "../../../shared/dates/wareki.js";
import { Alert, FormError, fieldError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { DataTable } from "../../components/data-table.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { api } from "../../lib/api.js";
import { formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { useProcurementMutation, useScenario } from "./api.js";
import { UsageForm } from "./usage-form.js";
import { UsageSourceForm } from "./usage-source-form.js";

const yen = (n: number) => n.toLocaleString("ja-JP");

/** A frozen scenario is corrected by a new draft that records why. */
function CorrectionForm({ s }: { s: ScenarioDetail }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const form = useZodForm(correctionInput, { defaultValues: { reason: "" } });
  const correct = useProcurementMutation((input: z.input<typeof correctionInput>) =>
    api.post<ScenarioDetail>(`/procurement/scenarios/${s.id}/corrections`, input),
  );
  return (
    <ZodForm
      form={form}
      error={correct.error}
      onValid={(input) => correct.mutate(input, { onSuccess: (c) => navigate(`/procurement/scenarios/${c.id}`) })}
      aria-label={t("procurement.correct")}
      className="flex flex-col gap-3"
    >
      <div className="flex flex-wrap items-end gap-3">
        <TextField label={t("procurement.reason")} required {...form.field("reason")} />
        <Button type="submit" variant="secondary" busy={correct.isPending}>
          {t("procurement.correct")}
        </Button>
      </div>
    </ZodForm>
  );
}

function Actions({ s }: { s: ScenarioDetail }) {
  const { t } = useI18n();
  const freeze = useProcurementMutation(() => api.post<ScenarioDetail>(`/procurement/scenarios/${s.id}/freeze`));
  const [file, setFile] = useState<File | null>(null);
  const upload = useProcurementMutation(() => {
    const form = new FormData();
    if (file) form.append("file", file);
    return api.postForm<ScenarioDetail>(`/procurement/scenarios/${s.id}/usage.xlsx`, form);
  });
  return (
    <div className="flex flex-col gap-4">
      <FormError error={freeze.error} />
      {s.abilities.canFreeze && (
        <div>
          <Button busy={freeze.isPending} onClick={() => freeze.mutate(undefined)}>
            {t("procurement.freeze")}
          </Button>
        </div>
      )}
      {s.abilities.canEdit && (
        <form
          noValidate
          aria-label={t("procurement.importUsage")}
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            upload.mutate(undefined);
          }}
        >
          <FormError error={upload.error} />
          <TextField
            type="file"
            accept=".xlsx"
            label={t("procurement.file")}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            error={fieldError(upload.error, "file")}
          />
          <Button type="submit" variant="secondary" busy={upload.isPending}>
            {t("procurement.importUsage")}
          </Button>
        </form>
      )}
      {s.abilities.canCorrect && <CorrectionForm s={s} />}
    </div>
  );
}

export function ScenarioPage() {
  const { id = "" } = useParams();
  const { t, label, locale } = useI18n();
  const scenario = useScenario(id);
  return (
    <QueryState query={scenario}>
      {(s) => {
        const sum = s.rows.reduce((a, r) => a + r.amount, 0);
        return (
          <div className="flex flex-col gap-6">
            <PageHeader
              title={`${fiscalYearLabel(s.fiscalYear)} 第${s.version}版 ${s.name}`}
              description={s.project.name}
              breadcrumbs={[
                { to: "/procurement", label: t("procurement.title") },
                { to: `/procurement/projects/${s.project.id}`, label: s.project.name },
              ]}
            />
            <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
              <dt>{t("procurement.status")}</dt>
              <dd>
                {s.agreed ? t("procurement.agreed") : s.status === "frozen" ? t("procurement.frozen") : t("procurement.draft")}
                {s.frozenAt &&
                  `（${t("procurement.frozenBy", { who: s.frozenBy ?? "", when: formatDateTime(s.frozenAt, locale) })}）`}
              </dd>
              {s.reason && (
                <>
                  <dt>{t("procurement.reason")}</dt>
                  <dd>{s.reason}</dd>
                </>
              )}
              <dt>{t("procurement.total")}</dt>
              <dd>{yen(s.total)}</dd>
              <dt>{t("procurement.equal")}</dt>
              <dd>{s.rule.equalPercent}</dd>
              <dt>{t("procurement.populationShare")}</dt>
              <dd>
                {s.rule.populationPercent}（{s.rule.populationSource}）
              </dd>
              <dt>{t("procurement.usageShare")}</dt>
              <dd>
                {s.rule.usagePercent}
                {s.rule.usageLabel ? `（${s.rule.usageLabel}）` : ""}
              </dd>
              <dt>{t("procurement.rounding")}</dt>
              <dd>
                {label(roundingLabels, s.rule.rounding)}・{label(remainderLabels, s.rule.remainder)}
              </dd>
            </dl>
            {s.problems.length > 0 && (
              <Alert tone="warning" title={t("procurement.problems")}>
                <ul>
                  {s.problems.map((p) => (
                    <li key={p.path + p.message}>{p.message}</li>
                  ))}
                </ul>
              </Alert>
            )}
            {s.view === "own" && <Alert tone="info">{t("procurement.ownOnly")}</Alert>}
            <DataTable
              caption={t("procurement.table")}
              rows={s.rows}
              rowKey={(r) => r.org.id}
              empty="—"
              columns={[
                { key: "org", header: t("procurement.org"), cell: (r) => r.org.name },
                { key: "months", header: t("procurement.months"), numeric: true, cell: (r) => r.months },
                {
                  key: "pop",
                  header: t("procurement.population"),
                  numeric: true,
                  cell: (r) => (r.population == null ? "—" : yen(r.population)),
                },
                { key: "usage", header: t("procurement.usage"), numeric: true, cell: (r) => r.usage ?? "—" },
                { key: "eq", header: t("procurement.equalPart"), numeric: true, cell: (r) => yen(r.equal) },
                { key: "pp", header: t("procurement.populationPart"), numeric: true, cell: (r) => yen(r.populationPart) },
                { key: "up", header: t("procurement.usagePart"), numeric: true, cell: (r) => yen(r.usagePart) },
                { key: "adj", header: t("procurement.adjustment"), numeric: true, cell: (r) => yen(r.adjustment) },
                { key: "amount", header: t("procurement.amount"), numeric: true, cell: (r) => <strong>{yen(r.amount)}</strong> },
                {
                  key: "notice",
                  header: t("procurement.notice"),
                  cell: (r) =>
                    s.status === "frozen" ? (
                      <a
                        className="text-blue-1000 underline"
                        href={`/api/procurement/scenarios/${s.id}/notices/${r.org.id}.pdf`}
                        download
                      >
                        {`${r.org.name} ${t("procurement.notice")}`}
                      </a>
                    ) : (
                      "—"
                    ),
                },
              ]}
            />
            {s.view === "all" && (
              <p>
                {t("procurement.sum")}：{yen(sum)}
              </p>
            )}
            {s.view === "all" && s.rows.length > 0 && (
              <p className="flex flex-wrap gap-4">
                <a className="text-blue-1000 underline" href={`/api/procurement/scenarios/${s.id}/table.xlsx`} download>
                  {t("procurement.downloadXlsx")}
                </a>
                <a className="text-blue-1000 underline" href={`/api/procurement/scenarios/${s.id}/table.pdf`} download>
                  {t("procurement.downloadPdf")}
                </a>
              </p>
            )}
            {s.status === "draft" && s.abilities.canEdit && (
              <>
                <UsageForm s={s} />
                <UsageSourceForm s={s} />
              </>
            )}
            <Actions s={s} />
          </div>
        );
      }}
    </QueryState>
  );
}
