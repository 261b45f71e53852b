import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { z } from "zod";
import { itemInput, metricInput, programmeInput, stepInput, trackingLabels, trackings } from "../../../shared/api/progress.js";
import { numberOrText } from "../../../shared/numbers.js";
import { Badge } from "../../components/badge.js";
import { Button } from "../../components/button.js";
import { Card } from "../../components/card.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { SelectField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { api, isApiError } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";
import { bodyName, useBodies } from "../bodies/api.js";
import { type ProgrammeDetail, type ProgressItem, progressKeys, useProgramme, useProgrammes } from "./api.js";
import { DefinitionsCsv } from "./definitions-csv.js";

/** A mutation that refreshes every progress query when it succeeds. */
function useProgressMutation<V>(fn: (v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: progressKeys.all }) });
}

/** Programmes, items, steps and metrics, defined by the secretariat on screen (or by CSV). */
export function ManagePage() {
  const { t } = useI18n();
  const programmes = useProgrammes(true);
  const [selected, setSelected] = useState("");
  const pid = selected || programmes.data?.items[0]?.id || "";
  const detail = useProgramme(pid || undefined);
  return (
    <>
      <PageHeader
        title={t("progress.manageTitle")}
        description={t("progress.manageLead")}
        breadcrumbs={[{ label: t("progress.title"), to: "/progress" }, { label: t("progress.manageTitle") }]}
      />
      <div className="flex flex-col gap-6">
        <NewProgramme onCreated={setSelected} />
        <QueryState query={programmes}>
          {(d) => (
            <SelectField
              label={t("progress.programme")}
              value={pid}
              onChange={(e) => setSelected(e.target.value)}
              options={d.items.map((p) => ({
                value: p.id,
                label: p.archived ? `${p.name}（${t("progress.archived")}）` : p.name,
              }))}
              className="max-w-xl"
            />
          )}
        </QueryState>
        {pid && <QueryState query={detail}>{(p) => <ProgrammeEditor p={p} />}</QueryState>}
        <DefinitionsCsv programmeId={pid} />
      </div>
    </>
  );
}

type ProgrammeFields = { code: string; name: string; deadline: string; exceptionLabel: string };
const emptyProgramme: ProgrammeFields = { code: "", name: "", deadline: "", exceptionLabel: "" };

function NewProgramme({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useI18n();
  const form = useZodForm<typeof programmeInput, ProgrammeFields>(programmeInput, {
    toInput: (v) => ({ ...v, deadline: v.deadline || null, exceptionLabel: v.exceptionLabel || null }),
    defaultValues: emptyProgramme,
  });
  const m = useProgressMutation((body: z.output<typeof programmeInput>) =>
    api.post<ProgrammeDetail>("/progress/programmes", body),
  );
  return (
    <Card id="new-programme" title={t("progress.newProgramme")}>
      <ZodForm
        form={form}
        error={m.error}
        aria-label={t("progress.newProgramme")}
        onValid={(body) =>
          m.mutate(body, {
            onSuccess: (p) => {
              form.reset(emptyProgramme);
              onCreated((p as ProgrammeDetail).id);
            },
          })
        }
        className="grid grid-cols-1 items-end gap-4 sm:grid-cols-2"
      >
        <TextField label={t("progress.code")} required {...form.field("code")} />
        <TextField label={t("progress.name")} required {...form.field("name")} />
        <TextField type="date" label={t("progress.deadline")} {...form.field("deadline")} />
        <TextField
          label={t("progress.exceptionLabel")}
          hint={t("progress.exceptionLabelHint")}
          {...form.field("exceptionLabel")}
        />
        <div>
          <Button type="submit" busy={m.isPending}>
            {t("progress.add")}
          </Button>
        </div>
      </ZodForm>
    </Card>
  );
}

function ProgrammeEditor({ p }: { p: ProgrammeDetail }) {
  const { t, label } = useI18n();
  const archive = useProgressMutation((archived: boolean) => api.patch(`/progress/programmes/${p.id}`, { archived }));
  return (
    <section aria-labelledby="programme-editor" className="flex flex-col gap-4">
      <h2 id="programme-editor" className="text-std-24B-150">
        {p.name} {p.archived && <Badge>{t("progress.archived")}</Badge>}
      </h2>
      <div>
        <Button variant="secondary" size="sm" onClick={() => archive.mutate(!p.archived)}>
          {p.archived ? t("progress.restore") : t("progress.archive")}
        </Button>
      </div>
      <OwningBody p={p} />
      <NewItem p={p} />
      <ul className="flex flex-col gap-3">
        {p.items.map((i) => (
          <li key={i.id}>
            <details className="rounded-8 border border-solid-gray-300 p-3">
              <summary className="cursor-pointer text-std-16B-170">
                {`${i.code} ${i.name}`}（{label(trackingLabels, i.tracking)}）
                {i.archived && <Badge>{t("progress.archived")}</Badge>}
              </summary>
              <ItemEditor item={i} />
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The body that owns the programme: its space shows the programme's progress. */
function OwningBody({ p }: { p: ProgrammeDetail }) {
  const { t, locale } = useI18n();
  const bodies = useBodies();
  const save = useProgressMutation((bodyId: string | null) => api.patch(`/progress/programmes/${p.id}`, { bodyId }));
  return (
    <div className="max-w-xl">
      <SelectField
        label={t("progress.owningBody")}
        hint={t("progress.owningBodyHint")}
        value={p.bodyId ?? ""}
        error={isApiError(save.error) ? save.error.message : undefined}
        onChange={(e) => save.mutate(e.target.value || null)}
        options={[
          { value: "", label: t("progress.noOwningBody") },
          ...(bodies.data?.items ?? []).map((b) => ({ value: b.id, label: bodyName(b, locale) })),
        ]}
      />
    </div>
  );
}

type ItemFields = { code: string; name: string; group: string; tracking: string; copyFromItemId: string };

function NewItem({ p }: { p: ProgrammeDetail }) {
  const { t, label } = useI18n();
  const empty = (tracking = "steps"): ItemFields => ({ code: "", name: "", group: "", tracking, copyFromItemId: "" });
  const form = useZodForm<typeof itemInput, ItemFields>(itemInput, {
    toInput: (v) => ({ ...v, group: v.group || null, copyFromItemId: v.copyFromItemId || undefined }),
    defaultValues: empty(),
  });
  const tracking = form.watch("tracking");
  const m = useProgressMutation((body: z.output<typeof itemInput>) => api.post(`/progress/programmes/${p.id}/items`, body));
  return (
    <Card id="new-item" title={t("progress.newItem")}>
      <ZodForm
        form={form}
        error={m.error}
        aria-label={t("progress.newItem")}
        onValid={(body) => m.mutate(body, { onSuccess: () => form.reset(empty(body.tracking)) })}
        className="grid grid-cols-1 items-end gap-4 sm:grid-cols-2"
      >
        <TextField label={t("progress.code")} required {...form.field("code")} />
        <TextField label={t("progress.name")} required {...form.field("name")} />
        <TextField label={t("progress.group")} {...form.field("group")} />
        <SelectField
          label={t("progress.tracking")}
          {...form.field("tracking", { onChange: () => form.setValue("copyFromItemId", "") })}
          options={trackings.map((k) => ({ value: k, label: label(trackingLabels, k) }))}
        />
        <SelectField
          label={t("progress.copyFrom")}
          {...form.field("copyFromItemId")}
          options={[
            { value: "", label: t("state.none") },
            ...p.items.filter((i) => i.tracking === tracking).map((i) => ({ value: i.id, label: i.name })),
          ]}
        />
        <div>
          <Button type="submit" busy={m.isPending}>
            {t("progress.add")}
          </Button>
        </div>
      </ZodForm>
    </Card>
  );
}

function ItemEditor({ item }: { item: ProgressItem }) {
  const { t } = useI18n();
  const archiveItem = useProgressMutation((archived: boolean) => api.patch(`/progress/items/${item.id}`, { archived }));
  const toggle = useProgressMutation((x: { kind: "steps" | "metrics"; id: string; archived: boolean }) =>
    api.patch(`/progress/${x.kind}/${x.id}`, { archived: x.archived }),
  );
  const rows = item.tracking === "steps" ? item.steps : item.metrics;
  return (
    <div className="mt-3 flex flex-col gap-3">
      <div>
        <Button variant="secondary" size="sm" onClick={() => archiveItem.mutate(!item.archived)}>
          {item.archived ? t("progress.restore") : t("progress.archive")}
        </Button>
      </div>
      <ol className="flex flex-col gap-1">
        {rows.map((r) => (
          <li key={r.id} className="flex flex-wrap items-center gap-2">
            <span className={r.archived ? "text-solid-gray-420 line-through" : ""}>{`${r.code} ${r.name}`}</span>
            <Button
              variant="text"
              size="sm"
              onClick={() => toggle.mutate({ kind: item.tracking, id: r.id, archived: !r.archived })}
            >
              {r.archived ? t("progress.restore") : t("progress.archive")}
            </Button>
          </li>
        ))}
      </ol>
      {item.tracking === "steps" ? <NewStep item={item} /> : <NewMetric item={item} />}
    </div>
  );
}

type PartFields = { code: string; name: string; unit: string; targetDefault: string };
const emptyPart: PartFields = { code: "", name: "", unit: "", targetDefault: "" };

/** A step of a steps item: code and name. */
function NewStep({ item }: { item: ProgressItem }) {
  const { t } = useI18n();
  const form = useZodForm<typeof stepInput, PartFields>(stepInput, { defaultValues: emptyPart });
  const add = useProgressMutation((body: z.output<typeof stepInput>) => api.post(`/progress/items/${item.id}/steps`, body));
  return (
    <ZodForm
      form={form}
      error={add.error}
      aria-label={t("progress.newStep")}
      onValid={(body) => add.mutate(body, { onSuccess: () => form.reset(emptyPart) })}
      className="grid grid-cols-1 items-end gap-3 sm:grid-cols-2"
    >
      <TextField label={t("progress.code")} required {...form.field("code")} />
      <TextField label={t("progress.name")} required {...form.field("name")} />
      <div>
        <Button type="submit" size="sm" busy={add.isPending}>
          {t("progress.newStep")}
        </Button>
      </div>
    </ZodForm>
  );
}

/** A metric of a metrics item: code, name, unit and the default target. */
function NewMetric({ item }: { item: ProgressItem }) {
  const { t } = useI18n();
  const form = useZodForm<typeof metricInput, PartFields>(metricInput, {
    toInput: (v) => ({ ...v, targetDefault: numberOrText(v.targetDefault) }),
    defaultValues: emptyPart,
  });
  const add = useProgressMutation((body: z.output<typeof metricInput>) => api.post(`/progress/items/${item.id}/metrics`, body));
  return (
    <ZodForm
      form={form}
      error={add.error}
      aria-label={t("progress.newMetric")}
      onValid={(body) => add.mutate(body, { onSuccess: () => form.reset(emptyPart) })}
      className="grid grid-cols-1 items-end gap-3 sm:grid-cols-2"
    >
      <TextField label={t("progress.code")} required {...form.field("code")} />
      <TextField label={t("progress.name")} required {...form.field("name")} />
      <TextField label={t("progress.unit")} {...form.field("unit")} />
      <TextField label={t("progress.targetDefaultLabel")} inputMode="decimal" {...form.field("targetDefault")} />
      <div>
        <Button type="submit" size="sm" busy={add.isPending}>
          {t("progress.newMetric")}
        </Button>
      </div>
    </ZodForm>
  );
}
