import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import type { z } from "zod";
import {
  type ProjectDetail,
  participantsInput,
  phaseStatusLabels,
  projectKindLabels,
  projectPatch,
  remainderLabels,
  remainderRules,
  roundingLabels,
  roundings,
  type ScenarioDetail,
  scenarioInput,
} from "../../../shared/api/procurement.js";
import { fiscalYearLabel } from "../../../shared/dates/wareki.js";
import { normalizeNumberText } from "../../../shared/numbers.js";
import { FormError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { DataTable } from "../../components/data-table.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { CheckboxField, SelectField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { api } from "../../lib/api.js";
import { formatDate } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { useOrgs } from "../orgs/api.js";
import { useComparison, useProcurementMutation, useProject } from "./api.js";
import { PhasesForm } from "./phases-form.js";

const yen = (n: number) => n.toLocaleString("ja-JP");
type ProjectPatch = z.input<typeof projectPatch>;

/** The link to the project's documents (a page inside this system); empty removes it. */
function DocumentsLink({ p }: { p: ProjectDetail }) {
  const { t } = useI18n();
  const form = useZodForm<typeof projectPatch, { documentsUrl: string }>(projectPatch, {
    toInput: (v) => ({ documentsUrl: v.documentsUrl.trim() || null }),
    defaultValues: { documentsUrl: p.documentsUrl ?? "" },
  });
  const save = useProcurementMutation((input: ProjectPatch) => api.patch<ProjectDetail>(`/procurement/projects/${p.id}`, input));
  return (
    <ZodForm form={form} error={save.error} onValid={(input) => save.mutate(input)} className="flex flex-col gap-2">
      <div className="flex flex-wrap items-end gap-2">
        <TextField label={t("procurement.documentsUrl")} {...form.field("documentsUrl")} />
        <Button type="submit" variant="secondary" busy={save.isPending}>
          {t("procurement.saveDocuments")}
        </Button>
      </div>
    </ZodForm>
  );
}

/** Whether the members see the whole table (otherwise each sees its own row): saved as it is ticked. */
function TableOpen({ p }: { p: ProjectDetail }) {
  const { t } = useI18n();
  const save = useProcurementMutation((tableOpen: boolean) =>
    api.patch<ProjectDetail>(`/procurement/projects/${p.id}`, { tableOpen }),
  );
  const [on, setOn] = useState(p.tableOpen);
  return (
    <div className="flex flex-col gap-2">
      <CheckboxField
        label={t("procurement.tableOpen")}
        checked={on}
        disabled={save.isPending}
        onChange={(e) => {
          const next = e.currentTarget.checked;
          setOn(next);
          save.mutate(next, { onError: () => setOn(!next) });
        }}
      />
      <FormError error={save.error} />
    </div>
  );
}

/** The participants as ticked: organisation id → whether it takes part, its join and leave dates. */
type ParticipantFields = { rows: Record<string, { on: boolean; join: string; leave: string }> };
const ticked = (v: ParticipantFields) => Object.entries(v.rows ?? {}).filter(([, r]) => r.on);
const participantsBody = (v: ParticipantFields) => ({
  participants: ticked(v).map(([orgId, r]) => ({ orgId, joinDate: r.join, leaveDate: r.leave || null })),
});

function Participants({ p }: { p: ProjectDetail }) {
  const { t, locale } = useI18n();
  const orgs = useOrgs({});
  const form = useZodForm<typeof participantsInput, ParticipantFields>(participantsInput, {
    toInput: participantsBody,
    defaultValues: {
      rows: Object.fromEntries(p.participants.map((x) => [x.org.id, { on: true, join: x.joinDate, leave: x.leaveDate ?? "" }])),
    },
  });
  const values = form.watch();
  const save = useProcurementMutation((input: z.input<typeof participantsInput>) =>
    api.put<ProjectDetail>(`/procurement/projects/${p.id}/participants`, input),
  );
  if (!p.abilities.canEdit)
    return (
      <DataTable
        caption={t("procurement.participants")}
        rows={p.participants}
        rowKey={(x) => x.id}
        empty="—"
        columns={[
          { key: "org", header: t("procurement.org"), cell: (x) => x.org.name },
          { key: "join", header: t("procurement.join"), cell: (x) => formatDate(x.joinDate, locale) },
          { key: "leave", header: t("procurement.leave"), cell: (x) => (x.leaveDate ? formatDate(x.leaveDate, locale) : "—") },
        ]}
      />
    );
  const start = `${p.fiscalYearFrom}-04-01`;
  // The request's row of each ticked organisation, for its messages.
  const sent = ticked(values).map(([orgId]) => orgId);
  return (
    <ZodForm
      form={form}
      error={save.error}
      onValid={(input) => save.mutate(input)}
      aria-label={t("procurement.participants")}
      className="flex flex-col gap-3"
    >
      <h2 className="text-std-20B-150">{t("procurement.participants")}</h2>
      <ul className="grid gap-2 md:grid-cols-2">
        {(orgs.data?.items ?? [])
          .filter((o) => o.kind !== "other")
          .map((o) => {
            const at = `participants.${sent.indexOf(o.id)}`;
            return (
              <li key={o.id} className="flex flex-wrap items-end gap-2 rounded-8 border border-solid-gray-300 p-2">
                <CheckboxField label={o.name} {...form.register(`rows.${o.id}.on`)} />
                {values.rows?.[o.id]?.on && (
                  <>
                    <TextField
                      type="date"
                      label={`${o.name} ${t("procurement.join")}`}
                      defaultValue={start}
                      {...form.register(`rows.${o.id}.join`)}
                      error={form.errorOf(`${at}.joinDate`)}
                    />
                    <TextField
                      type="date"
                      label={`${o.name} ${t("procurement.leave")}`}
                      {...form.register(`rows.${o.id}.leave`)}
                      error={form.errorOf(`${at}.leaveDate`)}
                    />
                  </>
                )}
              </li>
            );
          })}
      </ul>
      <div>
        <Button type="submit" busy={save.isPending}>
          {t("procurement.participantsSave")}
        </Button>
      </div>
    </ZodForm>
  );
}

/** The new scenario's fields as typed: numbers as text (full-width digits and commas allowed). */
interface ScenarioFields {
  name: string;
  fiscalYear: string;
  total: string;
  rule: { equalPercent: string; populationPercent: string; usagePercent: string; rounding: string; remainder: string };
}

/** The request the fields stand for: "" is no number (the schema says what to enter). */
const scenarioBody = (v: ScenarioFields) => {
  const number = (text: string) => (text.trim() ? Number(normalizeNumberText(text)) : undefined);
  return { name: v.name, fiscalYear: number(v.fiscalYear), total: number(v.total), rule: v.rule, inputs: {} };
};

function NewScenario({ p }: { p: ProjectDetail }) {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const form = useZodForm<typeof scenarioInput, ScenarioFields>(scenarioInput, {
    toInput: scenarioBody,
    defaultValues: {
      name: "",
      fiscalYear: String(p.fiscalYearFrom),
      total: "",
      rule: { equalPercent: "6", populationPercent: "94", usagePercent: "0", rounding: "down", remainder: "fraction" },
    },
  });
  const save = useProcurementMutation((input: z.input<typeof scenarioInput>) =>
    api.post<ScenarioDetail>(`/procurement/projects/${p.id}/scenarios`, input),
  );
  // The server's allocation check names a share by its component ("rule.equal") and the whole rule by
  // "rule.percent" / "rule.min" / "rule.max".
  const shareError = (component: string) => form.errorOf(`rule.${component}Percent`) ?? form.errorOf(`rule.${component}`);
  const ruleErrors = ["percent", "min", "max"].flatMap((k) => form.errorOf(`rule.${k}`) ?? []);
  return (
    <ZodForm
      form={form}
      error={save.error}
      onValid={(input) => save.mutate(input, { onSuccess: (s) => navigate(`/procurement/scenarios/${s.id}`) })}
      aria-label={t("procurement.newScenario")}
      className="flex flex-col gap-3 rounded-8 border border-solid-gray-300 p-4"
    >
      <h3 className="text-std-18B-160">{t("procurement.newScenario")}</h3>
      <TextField label={t("procurement.scenarioName")} required {...form.field("name")} />
      <div className="flex flex-wrap gap-3">
        <TextField label={t("procurement.fiscalYear")} inputMode="numeric" {...form.field("fiscalYear")} />
        <TextField label={t("procurement.total")} inputMode="numeric" required {...form.field("total")} />
      </div>
      <div className="flex flex-wrap gap-3">
        <TextField
          label={t("procurement.equal")}
          inputMode="decimal"
          {...form.field("rule.equalPercent")}
          error={shareError("equal")}
        />
        <TextField
          label={t("procurement.populationShare")}
          inputMode="decimal"
          {...form.field("rule.populationPercent")}
          error={shareError("population")}
        />
        <TextField
          label={t("procurement.usageShare")}
          inputMode="decimal"
          {...form.field("rule.usagePercent")}
          error={shareError("usage")}
        />
      </div>
      {ruleErrors.map((e) => (
        <p key={e} className="text-error-2">
          {e}
        </p>
      ))}
      <SelectField
        label={t("procurement.rounding")}
        {...form.field("rule.rounding")}
        options={roundings.map((r) => ({ value: r, label: label(roundingLabels, r) }))}
      />
      <SelectField
        label={t("procurement.remainder")}
        {...form.field("rule.remainder")}
        options={remainderRules.map((r) => ({ value: r, label: label(remainderLabels, r) }))}
      />
      <div>
        <Button type="submit" busy={save.isPending}>
          {t("procurement.newScenario")}
        </Button>
      </div>
    </ZodForm>
  );
}

function Compare({ p }: { p: ProjectDetail }) {
  const { t } = useI18n();
  const [a, setA] = useState(p.scenarios[0]?.id ?? "");
  const [b, setB] = useState(p.scenarios[1]?.id ?? "");
  const cmp = useComparison(a, b);
  if (p.scenarios.length < 2) return null;
  const options = p.scenarios.map((s) => ({ value: s.id, label: `${fiscalYearLabel(s.fiscalYear)} 第${s.version}版 ${s.name}` }));
  return (
    <section className="flex flex-col gap-3">
      <h3 className="text-std-18B-160">{t("procurement.compare")}</h3>
      <div className="flex flex-wrap gap-3">
        <SelectField label={t("procurement.compareA")} value={a} onChange={(e) => setA(e.target.value)} options={options} />
        <SelectField label={t("procurement.compareB")} value={b} onChange={(e) => setB(e.target.value)} options={options} />
      </div>
      {cmp.data && (
        <DataTable
          caption={t("procurement.compare")}
          hideCaption
          rows={cmp.data.rows}
          rowKey={(r) => r.org.id}
          empty="—"
          columns={[
            { key: "org", header: t("procurement.org"), cell: (r) => r.org.name },
            { key: "a", header: `A：${cmp.data.a.name}`, numeric: true, cell: (r) => (r.a == null ? "—" : yen(r.a)) },
            { key: "b", header: `B：${cmp.data.b.name}`, numeric: true, cell: (r) => (r.b == null ? "—" : yen(r.b)) },
            {
              key: "d",
              header: t("procurement.difference"),
              numeric: true,
              cell: (r) => (r.difference > 0 ? `+${yen(r.difference)}` : yen(r.difference)),
            },
          ]}
        />
      )}
    </section>
  );
}

export function ProjectDetailPage() {
  const { id = "" } = useParams();
  const { t, label, locale } = useI18n();
  const project = useProject(id);
  return (
    <QueryState query={project}>
      {(p) => (
        <div className="flex flex-col gap-8">
          <PageHeader
            title={p.name}
            description={`${label(projectKindLabels, p.kind)}・${p.body.name}・${fiscalYearLabel(p.fiscalYearFrom)}〜${fiscalYearLabel(p.fiscalYearTo)}${p.vendor ? `・${p.vendor}` : ""}`}
            breadcrumbs={[{ to: "/procurement", label: t("procurement.title") }]}
          />
          <section className="flex flex-col gap-2">
            <h2 className="text-std-20B-150">{t("procurement.phases")}</h2>
            {p.abilities.canEdit && <PhasesForm p={p} key={p.updatedAt} />}
            <ol className="flex flex-wrap gap-2">
              {p.phases.map((ph) => (
                <li key={ph.name} className="rounded-8 border border-solid-gray-300 px-3 py-1">
                  {ph.name}（{label(phaseStatusLabels, ph.status)}
                  {ph.startDate ? `・${formatDate(ph.startDate, locale)}` : ""}）
                </li>
              ))}
            </ol>
            {p.meetings.length > 0 && (
              <>
                <h2 className="text-std-20B-150">{t("procurement.meetings")}</h2>
                <ul>
                  {p.meetings.map((m) => (
                    <li key={m.id}>
                      <Link className="text-blue-1000 underline" to={`/meetings/${m.id}`}>
                        {m.title}
                      </Link>
                    </li>
                  ))}
                </ul>
              </>
            )}
            {p.documentsUrl && (
              <p>
                <Link className="text-blue-1000 underline" to={p.documentsUrl}>
                  {t("procurement.documents")}
                </Link>
              </p>
            )}
            {p.abilities.canEdit && <DocumentsLink p={p} />}
            {p.abilities.canEdit && <TableOpen p={p} />}
          </section>
          <Participants key={p.updatedAt} p={p} />
          <section className="flex flex-col gap-4">
            <h2 className="text-std-20B-150">{t("procurement.scenarios")}</h2>
            <DataTable
              caption={t("procurement.scenarios")}
              hideCaption
              rows={p.scenarios}
              rowKey={(s) => s.id}
              empty="—"
              columns={[
                { key: "fy", header: t("procurement.fiscalYear"), cell: (s) => fiscalYearLabel(s.fiscalYear) },
                { key: "v", header: t("procurement.version"), numeric: true, cell: (s) => s.version },
                {
                  key: "name",
                  header: t("procurement.scenarioName"),
                  cell: (s) => (
                    <Link className="text-blue-1000 underline" to={`/procurement/scenarios/${s.id}`}>
                      {s.name}
                    </Link>
                  ),
                },
                { key: "total", header: t("procurement.total"), numeric: true, cell: (s) => yen(s.total) },
                {
                  key: "status",
                  header: t("procurement.status"),
                  cell: (s) =>
                    s.agreed ? t("procurement.agreed") : s.status === "frozen" ? t("procurement.frozen") : t("procurement.draft"),
                },
              ]}
            />
            <Compare p={p} />
            {p.abilities.canEdit && <NewScenario p={p} />}
          </section>
        </div>
      )}
    </QueryState>
  );
}
