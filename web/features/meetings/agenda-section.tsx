import { useState } from "react";
import type { z } from "zod";
import { agendaStatusLabels, decisionInput, proposalInput } from "../../../shared/api/meetings.js";
import { Alert, FormError } from "../../components/alert.js";
import { Badge } from "../../components/badge.js";
import { Button } from "../../components/button.js";
import { Dialog } from "../../components/dialog.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { TextAreaField, TextField } from "../../components/form-field.js";
import { useToast } from "../../components/toast.js";
import { formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { type AgendaItem, api, type MeetingDetail, useBacklog, useMeetingMutation } from "./api.js";
import { ChildReportsButton } from "./child-reports.js";
import { ReferButton, ReferralHistory } from "./referral.js";

const referable = (i: AgendaItem) => i.abilities.canDecide && (i.status === "proposed" || i.status === "deferred");

const tone = { proposed: "orange", accepted: "green", rejected: "red", deferred: "neutral", withdrawn: "neutral" } as const;

/** The fields as typed: the minutes are text until the schema reads them (full-width digits included). */
type ProposalFields = Record<keyof z.input<typeof proposalInput>, string>;
const emptyProposal: ProposalFields = { title: "", purpose: "", presenter: "", minutesRequested: "15" };

function ProposalForm({ m }: { m: MeetingDetail }) {
  const { t } = useI18n();
  const toast = useToast();
  const manage = m.abilities.canDecide;
  const form = useZodForm<typeof proposalInput, ProposalFields>(proposalInput, { defaultValues: emptyProposal });
  const send = useMeetingMutation(m.id, async (body: z.output<typeof proposalInput>) => {
    if (manage) return api.post<MeetingDetail>(`/meetings/${m.id}/agenda`, body);
    await api.post(`/meetings/${m.id}/proposals`, body);
    return api.get<MeetingDetail>(`/meetings/${m.id}`);
  });
  const submit = (body: z.output<typeof proposalInput>) =>
    send.mutate(body, {
      onSuccess: () => {
        toast.show(t("agenda.proposed"));
        form.reset(emptyProposal);
      },
    });
  const title = manage ? t("agenda.add") : t("agenda.propose");
  return (
    <section aria-labelledby="propose-heading" className="flex flex-col gap-3 rounded-8 border border-solid-gray-300 p-4">
      <h3 id="propose-heading" className="text-std-18B-160">
        {title}
      </h3>
      <ZodForm form={form} onValid={submit} error={send.error} className="flex max-w-2xl flex-col gap-4">
        <TextField label={t("agenda.itemTitle")} required {...form.field("title")} />
        <TextAreaField label={t("agenda.purpose")} rows={3} {...form.field("purpose")} />
        <TextField label={t("agenda.presenter")} {...form.field("presenter")} />
        <TextField label={t("agenda.minutesRequested")} inputMode="numeric" required {...form.field("minutesRequested")} />
        <div>
          <Button type="submit" busy={send.isPending} busyLabel={t("state.saving")}>
            {title}
          </Button>
        </div>
      </ZodForm>
    </section>
  );
}

type Decide = ReturnType<typeof useMeetingMutation<z.input<typeof decisionInput>>>;

/** 不採択: the reason is required, by the same schema as the server's. */
function RejectDialog({ item, decide, onClose }: { item: AgendaItem; decide: Decide; onClose: () => void }) {
  const { t } = useI18n();
  const form = useZodForm(decisionInput, { defaultValues: { decision: "reject", reason: "" } });
  const formId = `reject-${item.id}`;
  return (
    <Dialog
      open
      title={t("agenda.rejectTitle")}
      onClose={onClose}
      actions={
        <Button type="submit" form={formId} variant="danger" busy={decide.isPending}>
          {t("agenda.reject")}
        </Button>
      }
    >
      <ZodForm id={formId} form={form} error={decide.error} onValid={(d) => decide.mutate(d, { onSuccess: onClose })}>
        <TextAreaField label={t("agenda.reason")} required rows={3} {...form.field("reason")} />
      </ZodForm>
    </Dialog>
  );
}

function ItemRow({
  m,
  item,
  index,
  move,
  count,
}: {
  m: MeetingDetail;
  item: AgendaItem;
  index: number;
  count: number;
  move: (from: number, to: number) => void;
}) {
  const { t, label } = useI18n();
  const [rejecting, setRejecting] = useState(false);
  const decide = useMeetingMutation(m.id, (d: z.input<typeof decisionInput>) =>
    api.post<MeetingDetail>(`/meetings/${m.id}/agenda/${item.id}/decision`, d),
  );
  const withdraw = useMeetingMutation(m.id, () => api.post<MeetingDetail>(`/meetings/${m.id}/agenda/${item.id}/withdraw`));
  const accepted = item.status === "accepted";
  return (
    <li
      draggable={accepted && m.abilities.canDecide}
      onDragStart={(e) => e.dataTransfer.setData("text/plain", String(index))}
      onDragOver={(e) => accepted && e.preventDefault()}
      onDrop={(e) => move(Number(e.dataTransfer.getData("text/plain")), index)}
      className="flex flex-col gap-2 border-b border-solid-gray-200 py-3"
    >
      <div className="flex flex-wrap items-center gap-2">
        {item.number && <span className="text-std-16B-170">{t("agenda.number", { n: item.number })}</span>}
        <span className="text-std-16B-170">{item.title}</span>
        <Badge tone={tone[item.status]}>{label(agendaStatusLabels, item.status)}</Badge>
        <span className="text-dns-14N-130">{t("agenda.minutes", { n: item.durationMinutes })}</span>
        <span className="text-dns-14N-130">
          {t("agenda.proposer")}：{item.proposerOrg?.name ?? t("agenda.secretariat")}
          {item.presenter && `（${item.presenter}）`}
        </span>
      </div>
      {item.purpose && <p className="whitespace-pre-wrap text-dns-16N-130">{item.purpose}</p>}
      {item.decisionReason && (
        <p className="text-dns-14N-130">
          {t("agenda.reason")}：{item.decisionReason}
        </p>
      )}
      <FormError error={decide.error ?? withdraw.error} />
      <div className="flex flex-wrap gap-2">
        {accepted && m.abilities.canDecide && (
          <>
            <Button
              size="sm"
              variant="secondary"
              disabled={index === 0}
              onClick={() => move(index, index - 1)}
              aria-label={t("agenda.moveUp", { title: item.title })}
            >
              ↑
            </Button>
            <Button
              size="sm"
              variant="secondary"
              disabled={index === count - 1}
              onClick={() => move(index, index + 1)}
              aria-label={t("agenda.moveDown", { title: item.title })}
            >
              ↓
            </Button>
          </>
        )}
        {item.abilities.canDecide && item.status !== "accepted" && (
          <Button size="sm" variant="secondary" busy={decide.isPending} onClick={() => decide.mutate({ decision: "accept" })}>
            {t("agenda.accept")}
          </Button>
        )}
        {item.abilities.canDecide && item.status === "proposed" && (
          <>
            <Button size="sm" variant="secondary" onClick={() => setRejecting(true)}>
              {t("agenda.reject")}
            </Button>
            <Button size="sm" variant="secondary" busy={decide.isPending} onClick={() => decide.mutate({ decision: "defer" })}>
              {t("agenda.defer")}
            </Button>
          </>
        )}
        {referable(item) && <ReferButton item={item} />}
        {item.abilities.canWithdraw && (
          <Button size="sm" variant="danger" busy={withdraw.isPending} onClick={() => withdraw.mutate(undefined)}>
            {t("agenda.withdraw")}
          </Button>
        )}
      </div>
      <ReferralHistory item={item} />
      {rejecting && <RejectDialog item={item} decide={decide} onClose={() => setRejecting(false)} />}
    </li>
  );
}

function Backlog({ m }: { m: MeetingDetail }) {
  const { t } = useI18n();
  const backlog = useBacklog(m.id, m.abilities.canDecide);
  const adopt = useMeetingMutation(m.id, (itemId: string) => api.post<MeetingDetail>(`/meetings/${m.id}/backlog/${itemId}`));
  const items = backlog.data?.items ?? [];
  if (!items.length) return null;
  return (
    <section aria-labelledby="backlog-heading" className="flex flex-col gap-2">
      <h3 id="backlog-heading" className="text-std-18B-160">
        {t("agenda.backlog", { count: items.length })}
      </h3>
      <ul>
        {items.map((i) => (
          <li key={i.id} className="flex flex-wrap items-center gap-3 py-1">
            <span>{i.title}</span>
            <span className="text-dns-14N-130">{i.proposerOrg?.name ?? t("agenda.secretariat")}</span>
            <Button size="sm" variant="secondary" onClick={() => adopt.mutate(i.id)}>
              {t("agenda.adopt")}
            </Button>
            {/* The backlog is shown to those who run the body: the dialog lists where they may refer it. */}
            <ReferButton item={i} />
            <ReferralHistory item={i} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function AgendaSection({ m }: { m: MeetingDetail }) {
  const { t, locale } = useI18n();
  const order = useMeetingMutation(m.id, (itemIds: string[]) =>
    api.put<MeetingDetail>(`/meetings/${m.id}/agenda/order`, { itemIds }),
  );
  const accepted = m.agenda.filter((a) => a.status === "accepted");
  const others = m.agenda.filter((a) => a.status !== "accepted");
  const move = (from: number, to: number) => {
    if (from === to || to < 0 || to >= accepted.length) return;
    const ids = accepted.map((a) => a.id);
    const [id] = ids.splice(from, 1);
    ids.splice(to, 0, id!);
    order.mutate(ids);
  };
  return (
    <section aria-labelledby="agenda-heading" className="flex flex-col gap-4">
      <h2 id="agenda-heading" className="text-std-24B-150">
        {t("agenda.title")}
      </h2>
      <p className="text-dns-16N-130">{t("agenda.total", { agenda: m.agendaMinutes, meeting: m.meetingMinutes })}</p>
      {m.agendaOverrun && <Alert tone="warning" role="status" title={t("agenda.overrun")} />}
      {m.abilities.canDecide && accepted.length > 1 && <p className="text-dns-14N-130">{t("agenda.dragHint")}</p>}
      <FormError error={order.error} />
      {m.agenda.length === 0 ? (
        <p>{t("agenda.empty")}</p>
      ) : (
        <ol className="flex flex-col">
          {[...accepted, ...others].map((item) => (
            <ItemRow key={item.id} m={m} item={item} index={accepted.indexOf(item)} count={accepted.length} move={move} />
          ))}
        </ol>
      )}
      <ChildReportsButton m={m} />
      {m.proposalDeadline && (
        <p className="text-dns-14N-130">{t("agenda.deadline", { when: formatDateTime(m.proposalDeadline, locale) })}</p>
      )}
      {m.abilities.canPropose ? (
        <ProposalForm m={m} />
      ) : (
        !m.abilities.canDecide && <p className="text-dns-14N-130">{t("agenda.closed")}</p>
      )}
      {m.abilities.canDecide && <Backlog m={m} />}
    </section>
  );
}
