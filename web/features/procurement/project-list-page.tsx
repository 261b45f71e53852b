import { Link, useNavigate } from "react-router";
import type { z } from "zod";
import { type ProjectDetail, projectInput, projectKindLabels, projectKinds } from "../../../shared/api/procurement.js";
import { fiscalYearLabel } from "../../../shared/dates/wareki.js";
import { numberOrText } from "../../../shared/numbers.js";
import { Button } from "../../components/button.js";
import { DataTable } from "../../components/data-table.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { SelectField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { api } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";
import { useProcurementMutation, useProjects, useSummary } from "./api.js";

const yen = (n: number) => n.toLocaleString("ja-JP");

type ProjectFields = { name: string; kind: string; fiscalYearFrom: string; fiscalYearTo: string; vendor: string };

function CreateProject() {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const year = new Date().getFullYear();
  // Years are typed as text; the request carries them as numbers ("２０２６" reads as 2026, "来年" stays text and is refused).
  const form = useZodForm<typeof projectInput, ProjectFields>(projectInput, {
    toInput: (v) => ({ ...v, fiscalYearFrom: numberOrText(v.fiscalYearFrom), fiscalYearTo: numberOrText(v.fiscalYearTo) }),
    defaultValues: { name: "", kind: "ai_ocr", fiscalYearFrom: String(year), fiscalYearTo: String(year), vendor: "" },
  });
  const save = useProcurementMutation((input: z.input<typeof projectInput>) =>
    api.post<ProjectDetail>("/procurement/projects", input),
  );
  return (
    <ZodForm
      form={form}
      error={save.error}
      onValid={(input) => save.mutate(input, { onSuccess: (p) => navigate(`/procurement/projects/${p.id}`) })}
      aria-label={t("procurement.create")}
      className="flex flex-col gap-4 rounded-8 border border-solid-gray-300 p-4"
    >
      <h2 className="text-std-20B-150">{t("procurement.create")}</h2>
      <TextField label={t("procurement.name")} required {...form.field("name")} />
      <SelectField
        label={t("procurement.kind")}
        options={projectKinds.map((k) => ({ value: k, label: label(projectKindLabels, k) }))}
        {...form.field("kind")}
      />
      <div className="flex flex-wrap gap-4">
        <TextField label={t("procurement.yearFrom")} inputMode="numeric" {...form.field("fiscalYearFrom")} />
        <TextField label={t("procurement.yearTo")} inputMode="numeric" {...form.field("fiscalYearTo")} />
      </div>
      <TextField label={t("procurement.vendor")} {...form.field("vendor")} />
      <div>
        <Button type="submit" busy={save.isPending}>
          {t("procurement.create")}
        </Button>
      </div>
    </ZodForm>
  );
}

function Summary() {
  const { t } = useI18n();
  const summary = useSummary();
  return (
    <QueryState query={summary}>
      {(s) => (
        <section className="flex flex-col gap-3">
          <h2 className="text-std-20B-150">{t("procurement.summary")}</h2>
          <DataTable
            caption={t("procurement.summary")}
            hideCaption
            rows={s.rows}
            rowKey={(r) => r.org.id}
            empty={t("procurement.summaryEmpty")}
            columns={[
              { key: "org", header: t("procurement.org"), cell: (r) => r.org.name },
              ...s.fiscalYears.map((fy) => ({
                key: String(fy),
                header: fiscalYearLabel(fy),
                numeric: true,
                cell: (r: (typeof s.rows)[number]) => yen(r.byYear[fy] ?? 0),
              })),
            ]}
          />
          {s.rows.length > 0 && (
            <p>
              <a className="text-blue-1000 underline" href="/api/procurement/summary.xlsx" download>
                {t("procurement.summaryXlsx")}
              </a>
            </p>
          )}
        </section>
      )}
    </QueryState>
  );
}

export function ProjectListPage() {
  const { t, label } = useI18n();
  const projects = useProjects();
  return (
    <div className="flex flex-col gap-8">
      <PageHeader title={t("procurement.title")} description={t("procurement.lead")} />
      <QueryState query={projects}>
        {(list) => (
          <>
            <DataTable
              caption={t("procurement.title")}
              hideCaption
              rows={list.items}
              rowKey={(p) => p.id}
              empty={t("procurement.empty")}
              columns={[
                {
                  key: "name",
                  header: t("procurement.name"),
                  cell: (p) => (
                    <Link className="text-blue-1000 underline" to={`/procurement/projects/${p.id}`}>
                      {p.name}
                    </Link>
                  ),
                },
                { key: "kind", header: t("procurement.kind"), cell: (p) => label(projectKindLabels, p.kind) },
                { key: "body", header: t("procurement.body"), cell: (p) => p.body.name },
                {
                  key: "years",
                  header: t("procurement.years"),
                  cell: (p) => `${fiscalYearLabel(p.fiscalYearFrom)}〜${fiscalYearLabel(p.fiscalYearTo)}`,
                },
                { key: "n", header: t("procurement.participants"), numeric: true, cell: (p) => p.participantCount },
              ]}
            />
            {list.abilities.canCreate && <CreateProject />}
          </>
        )}
      </QueryState>
      <Summary />
    </div>
  );
}
