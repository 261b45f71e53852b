import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { trackingLabels, trackings } from "../../../shared/api/progress.js";
import { numberOrText } from "../../../shared/numbers.js";
import { Alert, useErrorMessage } from "../../components/alert.js";
import { Badge } from "../../components/badge.js";
import { Button } from "../../components/button.js";
import { Card } from "../../components/card.js";
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

function NewProgramme({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useI18n();
  const [v, setV] = useState({ code: "", name: "", deadline: "", exceptionLabel: "" });
  const m = useProgressMutation(() =>
    api.post<ProgrammeDetail>("/progress/programmes", {
      code: v.code,
      name: v.name,
      deadline: v.deadline || null,
      exceptionLabel: v.exceptionLabel || null,
    }),
  );
  const err = isApiError(m.error) ? m.error : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    m.mutate(undefined, {
      onSuccess: (p) => {
        setV({ code: "", name: "", deadline: "", exceptionLabel: "" });
        onCreated((p as ProgrammeDetail).id);
      },
    });
  };
  return (
    <Card id="new-programme" title={t("progress.newProgramme")}>
      <form onSubmit={submit} className="grid grid-cols-1 items-end gap-4 sm:grid-cols-2">
        <TextField
          label={t("progress.code")}
          required
          value={v.code}
          onChange={(e) => setV({ ...v, code: e.target.value })}
          error={err?.fieldError("code")}
        />
        <TextField
          label={t("progress.name")}
          required
          value={v.name}
          onChange={(e) => setV({ ...v, name: e.target.value })}
          error={err?.fieldError("name")}
        />
        <TextField
          type="date"
          label={t("progress.deadline")}
          value={v.deadline}
          onChange={(e) => setV({ ...v, deadline: e.target.value })}
        />
        <TextField
          label={t("progress.exceptionLabel")}
          hint={t("progress.exceptionLabelHint")}
          value={v.exceptionLabel}
          onChange={(e) => setV({ ...v, exceptionLabel: e.target.value })}
        />
        {err && !err.issues.length && <Alert tone="error" role="alert" title={err.message} />}
        <div>
          <Button type="submit" busy={m.isPending}>
            {t("progress.add")}
          </Button>
        </div>
      </form>
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

function NewItem({ p }: { p: ProgrammeDetail }) {
  const { t, label } = useI18n();
  const [v, setV] = useState({ code: "", name: "", group: "", tracking: "steps", copyFromItemId: "" });
  const m = useProgressMutation(() =>
    api.post(`/progress/programmes/${p.id}/items`, {
      code: v.code,
      name: v.name,
      group: v.group || null,
      tracking: v.tracking,
      copyFromItemId: v.copyFromItemId || undefined,
    }),
  );
  const err = isApiError(m.error) ? m.error : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    m.mutate(undefined, { onSuccess: () => setV({ code: "", name: "", group: "", tracking: v.tracking, copyFromItemId: "" }) });
  };
  return (
    <Card id="new-item" title={t("progress.newItem")}>
      <form onSubmit={submit} className="grid grid-cols-1 items-end gap-4 sm:grid-cols-2">
        <TextField
          label={t("progress.code")}
          required
          value={v.code}
          onChange={(e) => setV({ ...v, code: e.target.value })}
          error={err?.fieldError("code")}
        />
        <TextField
          label={t("progress.name")}
          required
          value={v.name}
          onChange={(e) => setV({ ...v, name: e.target.value })}
          error={err?.fieldError("name")}
        />
        <TextField label={t("progress.group")} value={v.group} onChange={(e) => setV({ ...v, group: e.target.value })} />
        <SelectField
          label={t("progress.tracking")}
          value={v.tracking}
          onChange={(e) => setV({ ...v, tracking: e.target.value, copyFromItemId: "" })}
          options={trackings.map((k) => ({ value: k, label: label(trackingLabels, k) }))}
        />
        <SelectField
          label={t("progress.copyFrom")}
          value={v.copyFromItemId}
          onChange={(e) => setV({ ...v, copyFromItemId: e.target.value })}
          options={[
            { value: "", label: t("state.none") },
            ...p.items.filter((i) => i.tracking === v.tracking).map((i) => ({ value: i.id, label: i.name })),
          ]}
        />
        {err && !err.issues.length && <Alert tone="error" role="alert" title={err.message} />}
        <div>
          <Button type="submit" busy={m.isPending}>
            {t("progress.add")}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function ItemEditor({ item }: { item: ProgressItem }) {
  const { t } = useI18n();
  const message = useErrorMessage();
  const archiveItem = useProgressMutation((archived: boolean) => api.patch(`/progress/items/${item.id}`, { archived }));
  const toggle = useProgressMutation((x: { kind: "steps" | "metrics"; id: string; archived: boolean }) =>
    api.patch(`/progress/${x.kind}/${x.id}`, { archived: x.archived }),
  );
  const [v, setV] = useState({ code: "", name: "", unit: "", target: "" });
  const add = useProgressMutation(() =>
    item.tracking === "steps"
      ? api.post(`/progress/items/${item.id}/steps`, { code: v.code, name: v.name })
      : api.post(`/progress/items/${item.id}/metrics`, {
          code: v.code,
          name: v.name,
          unit: v.unit,
          targetDefault: numberOrText(v.target),
        }),
  );
  const err = isApiError(add.error) ? add.error : null;
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
      <form
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate(undefined, { onSuccess: () => setV({ code: "", name: "", unit: "", target: "" }) });
        }}
        className="grid grid-cols-1 items-end gap-3 sm:grid-cols-2"
        aria-label={item.tracking === "steps" ? t("progress.newStep") : t("progress.newMetric")}
      >
        <TextField
          label={t("progress.code")}
          required
          value={v.code}
          onChange={(e) => setV({ ...v, code: e.target.value })}
          error={err?.fieldError("code")}
        />
        <TextField
          label={t("progress.name")}
          required
          value={v.name}
          onChange={(e) => setV({ ...v, name: e.target.value })}
          error={err?.fieldError("name")}
        />
        {item.tracking === "metrics" && (
          <>
            <TextField label={t("progress.unit")} value={v.unit} onChange={(e) => setV({ ...v, unit: e.target.value })} />
            <TextField
              label={t("progress.targetDefaultLabel")}
              inputMode="decimal"
              value={v.target}
              onChange={(e) => setV({ ...v, target: e.target.value })}
            />
          </>
        )}
        {err && !err.issues.length && <Alert tone="error" role="alert" title={message(err)} />}
        <div>
          <Button type="submit" size="sm" busy={add.isPending}>
            {item.tracking === "steps" ? t("progress.newStep") : t("progress.newMetric")}
          </Button>
        </div>
      </form>
    </div>
  );
}
