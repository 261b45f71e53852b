import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useParams } from "react-router";
import type { Programme, ProgressItem } from "../../../shared/api/progress.js";
import type { ProgressApplyResult } from "../../../shared/api/surveys-progress.js";
import { allQuestions, type Definition, type GridQuestion } from "../../../shared/surveys/definition.js";
import type { ProgressMapping } from "../../../shared/surveys/progress-map.js";
import { Alert, FormError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { ConfirmDialog } from "../../components/dialog.js";
import { SelectField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { Loading, QueryState } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { api } from "../../lib/api.js";
import type { ListOf } from "../../lib/api-types.js";
import { formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { runProgress, type Survey, saveProgressMap, surveyKeys, useProgressMap, useSurvey } from "./api.js";
import { GridMapping } from "./grid-mapping.js";
import { PreviewTable } from "./progress-preview.js";
import { SurveyTabs } from "./survey-tabs.js";

/** "Into progress": map a grid (or questions) onto a programme's items, preview, then apply with one click. */
export function SurveyProgressPage() {
  const { id = "" } = useParams();
  const survey = useSurvey(id);
  const map = useProgressMap(id);
  return (
    <QueryState query={survey}>
      {(s) => <QueryState query={map}>{(m) => <Mapping survey={s} saved={m} />}</QueryState>}
    </QueryState>
  );
}

function Mapping({ survey, saved }: { survey: Survey; saved: ReturnType<typeof useProgressMap>["data"] & object }) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const qc = useQueryClient();
  const def = survey.definition as Definition;
  const grids = allQuestions(def).filter((q): q is GridQuestion => q.kind === "grid");
  const [mapping, setMapping] = useState<ProgressMapping>(saved.mapping ?? { programmeId: "", grids: [], questions: [] });
  const [result, setResult] = useState<ProgressApplyResult | null>(null);
  const [confirm, setConfirm] = useState(false);
  const programmes = useQuery({
    queryKey: ["progress", "programmes"],
    queryFn: () => api.get<ListOf<Programme>>("/progress/programmes"),
  });
  const detail = useQuery({
    queryKey: ["progress", "programme", mapping.programmeId],
    enabled: !!mapping.programmeId,
    queryFn: () => api.get<Programme & { items: ProgressItem[] }>(`/progress/programmes/${mapping.programmeId}`),
  });
  const save = useMutation({
    mutationFn: () => saveProgressMap(survey.id, mapping),
    onSuccess: (m) => qc.setQueryData(surveyKeys.progressMap(survey.id), m),
  });
  const run = useMutation({
    mutationFn: async (apply: boolean) => {
      await save.mutateAsync();
      return runProgress(survey.id, apply);
    },
    onSuccess: (r) => {
      setResult(r);
      setConfirm(false);
      if (!r.dryRun) {
        toast.show(t("surveys.appliedToast", { n: r.applied }));
        qc.invalidateQueries({ queryKey: surveyKeys.progressMap(survey.id) });
        qc.invalidateQueries({ queryKey: ["progress"] });
      }
    },
    onError: () => setConfirm(false),
  });
  const items = detail.data?.items ?? [];
  return (
    <>
      <PageHeader
        title={t("surveys.progressTitle")}
        description={t("surveys.progressLead")}
        breadcrumbs={[
          { label: t("surveys.title"), to: "/surveys" },
          { label: survey.title, to: `/surveys/${survey.id}` },
          { label: t("surveys.tabProgress") },
        ]}
      />
      <SurveyTabs survey={survey} current="progress" />
      <div className="flex flex-col gap-6">
        {saved.appliedAt && (
          <Alert tone="info">
            {t("surveys.lastApplied", { at: formatDateTime(saved.appliedAt, locale), who: saved.appliedBy?.name ?? "" })}
          </Alert>
        )}
        <SelectField
          className="max-w-xl"
          label={t("surveys.programme")}
          value={mapping.programmeId}
          options={[
            { value: "", label: t("form.select") },
            ...(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: p.name })),
          ]}
          onChange={(e) => setMapping({ programmeId: e.target.value, grids: [], questions: [] })}
        />
        {mapping.programmeId && detail.isPending && <Loading />}
        {mapping.programmeId &&
          detail.data &&
          grids.map((g) => (
            <GridMapping
              key={g.id}
              grid={g}
              items={items}
              value={mapping.grids.find((x) => x.questionId === g.id) ?? null}
              onChange={(next) =>
                setMapping((m) => ({ ...m, grids: [...m.grids.filter((x) => x.questionId !== g.id), ...(next ? [next] : [])] }))
              }
            />
          ))}
        {mapping.programmeId && grids.length === 0 && <Alert tone="info">{t("surveys.noGrid")}</Alert>}
        <FormError error={save.error ?? run.error} />
        <div className="flex flex-wrap gap-3">
          <Button variant="secondary" busy={run.isPending} disabled={!mapping.programmeId} onClick={() => run.mutate(false)}>
            {t("surveys.previewApply")}
          </Button>
          <Button disabled={!result?.dryRun || result.issues.length > 0 || result.applied === 0} onClick={() => setConfirm(true)}>
            {t("surveys.apply")}
          </Button>
        </div>
        {result && <PreviewTable result={result} />}
      </div>
      <ConfirmDialog
        open={confirm}
        title={t("surveys.apply")}
        message={t("surveys.applyConfirm", { n: result?.applied ?? 0 })}
        confirmLabel={t("surveys.apply")}
        busy={run.isPending}
        onClose={() => setConfirm(false)}
        onConfirm={() => run.mutate(true)}
      />
    </>
  );
}
