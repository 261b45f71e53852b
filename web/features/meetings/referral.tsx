import "./messages.js";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import type { z } from "zod";
import { type AgendaReferrals, agendaStatusLabels, type BodyReferrals, referInput } from "../../../shared/api/meetings.js";
import { Alert } from "../../components/alert.js";
import { Badge } from "../../components/badge.js";
import { Button } from "../../components/button.js";
import { Card } from "../../components/card.js";
import { DataTable } from "../../components/data-table.js";
import { Dialog } from "../../components/dialog.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { SelectField, TextAreaField } from "../../components/form-field.js";
import { QueryState } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { type AgendaItem, api } from "./api.js";

const referralKeys = {
  item: (id: string) => ["agenda-referrals", id] as const,
  body: (id: string) => ["bodies", "referrals", id] as const,
};

const useItemReferrals = (itemId: string, enabled: boolean) =>
  useQuery({
    queryKey: referralKeys.item(itemId),
    enabled,
    queryFn: () => api.get<AgendaReferrals>(`/agenda-items/${itemId}/referrals`),
  });

/** Referring moves the item to another body's backlog: the meeting, its backlog and every referral history change. */
function useRefer(itemId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: z.output<typeof referInput>) => api.post<AgendaReferrals>(`/agenda-items/${itemId}/refer`, input),
    onSuccess: (r) => {
      qc.setQueryData(referralKeys.item(itemId), r);
      qc.invalidateQueries({ queryKey: ["meetings"] });
      qc.invalidateQueries({ queryKey: ["bodies", "referrals"] });
    },
  });
}

/** 「他の会議体へ回付」: choose a body the actor runs and a note, confirm, refer. */
export function ReferButton({ item }: { item: AgendaItem }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="sm"
        variant="secondary"
        aria-label={t("referral.openNamed", { title: item.title })}
        onClick={() => setOpen(true)}
      >
        {t("referral.open")}
      </Button>
      {open && <ReferDialog item={item} onClose={() => setOpen(false)} />}
    </>
  );
}

function ReferDialog({ item, onClose }: { item: AgendaItem; onClose: () => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const history = useItemReferrals(item.id, true);
  const refer = useRefer(item.id);
  const form = useZodForm(referInput, { defaultValues: { bodyId: "", note: "" } });
  const [pending, setPending] = useState<z.output<typeof referInput> | null>(null);
  const targets = history.data?.targets ?? [];
  const targetName = targets.find((b) => b.id === pending?.bodyId)?.name ?? "";
  const send = () =>
    pending &&
    refer.mutate(pending, {
      onSuccess: () => {
        toast.show(t("referral.done", { body: targetName }), "success");
        onClose();
      },
      onError: () => setPending(null),
    });
  return (
    <Dialog
      open
      title={t("referral.title")}
      onClose={onClose}
      actions={
        pending && (
          <Button busy={refer.isPending} onClick={send}>
            {t("referral.submit")}
          </Button>
        )
      }
    >
      <QueryState query={history}>
        {() =>
          pending ? (
            <p className="text-std-16N-170" role="status">
              {t("referral.confirm", { title: item.title, body: targetName })}
            </p>
          ) : targets.length === 0 ? (
            <Alert tone="info">{t("referral.noTargets")}</Alert>
          ) : (
            <ZodForm form={form} onValid={setPending} error={refer.error} className="flex flex-col gap-4">
              <p className="text-std-16N-170">{t("referral.lead")}</p>
              <SelectField
                label={t("referral.target")}
                required
                {...form.field("bodyId")}
                options={[{ value: "", label: t("form.select") }, ...targets.map((b) => ({ value: b.id, label: b.name }))]}
              />
              <TextAreaField label={t("referral.note")} rows={3} {...form.field("note")} />
              <div>
                <Button type="submit">{t("referral.next")}</Button>
              </div>
            </ZodForm>
          )
        }
      </QueryState>
    </Dialog>
  );
}

/** The item's moves between bodies, loaded when opened. */
export function ReferralHistory({ item }: { item: AgendaItem }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const history = useItemReferrals(item.id, open);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)} className="text-dns-14N-130">
      <summary className="cursor-pointer text-blue-1000 underline" aria-label={t("referral.historyOf", { title: item.title })}>
        {t("referral.history")}
      </summary>
      {open && (
        <QueryState query={history}>
          {(h) =>
            h.referrals.length ? (
              <ol className="mt-2 flex flex-col gap-1">
                {h.referrals.map((r) => (
                  <li key={r.id}>
                    {t("referral.move", { from: r.fromBody.name, to: r.toBody.name })}　
                    {t("referral.by", { when: formatDateTime(r.referredAt, locale), user: r.referredBy ?? "" })}
                    {r.note && `　${r.note}`}
                  </li>
                ))}
              </ol>
            ) : (
              <p className="mt-2">{t("referral.none")}</p>
            )
          }
        </QueryState>
      )}
    </details>
  );
}

type BodyReferral = BodyReferrals["items"][number];

/** On a body's page: the items referred to it (received) and from it (sent). */
export function BodyReferralsCard({ bodyId }: { bodyId: string }) {
  const { t, label, locale } = useI18n();
  const query = useQuery({
    queryKey: referralKeys.body(bodyId),
    queryFn: () => api.get<BodyReferrals>(`/bodies/${bodyId}/referrals`),
  });
  return (
    <Card id="space-referrals" title={t("referral.bodyTitle")}>
      <QueryState query={query}>
        {(d) => (
          <DataTable<BodyReferral>
            caption={t("referral.bodyTitle")}
            hideCaption
            rows={d.items}
            rowKey={(r) => r.id}
            empty={t("referral.none")}
            columns={[
              {
                key: "direction",
                header: t("referral.direction"),
                cell: (r) => <Badge tone={r.direction === "received" ? "blue" : "neutral"}>{t(`referral.${r.direction}`)}</Badge>,
              },
              { key: "item", header: t("referral.item"), cell: (r) => r.item.title },
              {
                key: "move",
                header: t("referral.fromTo"),
                cell: (r) =>
                  r.fromMeetingId ? (
                    <>
                      <Link className="link" to={`/meetings/${r.fromMeetingId}`}>
                        {r.fromBody.name}
                      </Link>
                      {` → ${r.toBody.name}`}
                    </>
                  ) : (
                    t("referral.move", { from: r.fromBody.name, to: r.toBody.name })
                  ),
              },
              { key: "note", header: t("referral.noteCol"), cell: (r) => r.note || "—" },
              { key: "status", header: t("referral.statusCol"), cell: (r) => label(agendaStatusLabels, r.item.status) },
              {
                key: "when",
                header: t("referral.when"),
                cell: (r) => `${formatDateTime(r.referredAt, locale)}（${r.referredBy ?? ""}）`,
              },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}
