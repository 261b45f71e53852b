import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import type { z } from "zod";
import { actionInput, actionStatuses, actionStatusLabels } from "../../../shared/api/meetings.js";
import { PAGE_MAX } from "../../../shared/api/paging.js";
import { Badge } from "../../components/badge.js";
import { Button } from "../../components/button.js";
import { DataTable } from "../../components/data-table.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { SelectField, TextField } from "../../components/form-field.js";
import { QueryState } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { formatDate } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { type ActionItem, api, type MeetingDetail, useActionItems } from "./api.js";

type Status = ActionItem["status"];

function StatusSelect({ a }: { a: ActionItem }) {
  const { t, label } = useI18n();
  const qc = useQueryClient();
  const toast = useToast();
  const save = useMutation({
    mutationFn: (status: Status) => api.patch<ActionItem>(`/action-items/${a.id}`, { status }),
    onSuccess: () => {
      toast.show(t("actions.updated"));
      qc.invalidateQueries({ queryKey: ["action-items"] });
    },
  });
  if (!a.abilities.canUpdateStatus) return <>{label(actionStatusLabels, a.status)}</>;
  return (
    <select
      aria-label={`${t("actions.status")}：${a.title}`}
      value={a.status}
      onChange={(e) => save.mutate(e.target.value as Status)}
      className="rounded-8 border border-solid-gray-900 px-2 py-1"
    >
      {actionStatuses.map((s) => (
        <option key={s} value={s}>
          {label(actionStatusLabels, s)}
        </option>
      ))}
    </select>
  );
}

/** Action items as a table; `withMeeting` adds the meeting column (home page). */
export function ActionTable({ items, withMeeting, caption }: { items: ActionItem[]; withMeeting?: boolean; caption: string }) {
  const { t, locale } = useI18n();
  return (
    <DataTable
      caption={caption}
      hideCaption
      rows={items}
      rowKey={(a) => a.id}
      empty={t("actions.none")}
      columns={[
        { key: "title", header: t("actions.item"), cell: (a) => a.title },
        ...(withMeeting
          ? [
              {
                key: "meeting",
                header: t("meetings.name"),
                cell: (a: ActionItem) => (
                  <Link className="link" to={`/meetings/${a.meeting.id}`}>
                    {a.meeting.name}
                  </Link>
                ),
              },
            ]
          : [{ key: "agenda", header: t("actions.fromAgenda"), cell: (a: ActionItem) => a.agendaTitle ?? "" }]),
        { key: "owner", header: t("actions.owner"), cell: (a) => a.ownerOrg.name },
        {
          key: "due",
          header: t("actions.due"),
          cell: (a) => (
            <span className="flex flex-wrap items-center gap-2">
              {formatDate(a.dueDate, locale)}
              {a.overdue && <Badge tone="red">{t("actions.overdue")}</Badge>}
            </span>
          ),
        },
        { key: "status", header: t("actions.status"), cell: (a) => <StatusSelect a={a} /> },
      ]}
    />
  );
}

/** The new action item as typed: "" for no agenda item (null in the request) and for no choice yet. */
type ActionFields = Record<"title" | "ownerOrgId" | "dueDate" | "agendaItemId", string>;
const emptyAction: ActionFields = { title: "", ownerOrgId: "", dueDate: "", agendaItemId: "" };

function AddAction({ m }: { m: MeetingDetail }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const toast = useToast();
  const orgs = useQueryOrgs();
  const form = useZodForm<typeof actionInput, ActionFields>(actionInput, {
    defaultValues: emptyAction,
    toInput: (v) => ({ ...v, agendaItemId: v.agendaItemId || null }),
  });
  const save = useMutation({
    mutationFn: (input: z.output<typeof actionInput>) => api.post<ActionItem>(`/meetings/${m.id}/action-items`, input),
    onSuccess: () => {
      toast.show(t("actions.created"));
      form.reset(emptyAction);
      qc.invalidateQueries({ queryKey: ["action-items"] });
    },
  });
  return (
    <section aria-labelledby="add-action-heading" className="flex flex-col gap-3 rounded-8 border border-solid-gray-300 p-4">
      <h3 id="add-action-heading" className="text-std-18B-160">
        {t("actions.add")}
      </h3>
      <ZodForm form={form} onValid={(input) => save.mutate(input)} error={save.error} className="flex max-w-2xl flex-col gap-4">
        <SelectField
          label={t("actions.fromAgenda")}
          {...form.field("agendaItemId")}
          options={[
            { value: "", label: t("state.none") },
            ...m.agenda.filter((a) => a.status === "accepted").map((a) => ({ value: a.id, label: a.title })),
          ]}
        />
        <TextField label={t("actions.item")} required {...form.field("title")} />
        <SelectField
          label={t("actions.owner")}
          required
          {...form.field("ownerOrgId")}
          options={[{ value: "", label: t("form.select") }, ...orgs.map((o) => ({ value: o.id, label: o.name }))]}
        />
        <TextField label={t("actions.due")} type="date" required {...form.field("dueDate")} />
        <div>
          <Button type="submit" busy={save.isPending} busyLabel={t("state.saving")}>
            {t("actions.add")}
          </Button>
        </div>
      </ZodForm>
    </section>
  );
}

function useQueryOrgs() {
  const q = useQuery({
    queryKey: ["orgs", "list"],
    queryFn: () => api.get<{ items: { id: string; name: string }[] }>("/orgs", { limit: PAGE_MAX }),
  });
  return q.data?.items ?? [];
}

export function ActionsSection({ m }: { m: MeetingDetail }) {
  const { t } = useI18n();
  const list = useActionItems({ meetingId: m.id });
  if (!m.abilities.canCreateActions && m.status !== "held" && m.status !== "minutes_published") return null;
  return (
    <section aria-labelledby="actions-heading" className="flex flex-col gap-4">
      <h2 id="actions-heading" className="text-std-24B-150">
        {t("actions.title")}
      </h2>
      <QueryState query={list}>{(d) => <ActionTable items={d.items} caption={t("actions.title")} />}</QueryState>
      {m.abilities.canCreateActions && <AddAction m={m} />}
    </section>
  );
}
