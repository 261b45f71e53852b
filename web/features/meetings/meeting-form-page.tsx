import { useNavigate, useParams } from "react-router";
import { meetingInput, meetingKindLabels, meetingKinds, meetingPatch } from "../../../shared/api/meetings.js";
import { nonBusinessReason } from "../../../shared/dates/calendar.js";
import { Alert } from "../../components/alert.js";
import { Button, ButtonLink } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { SelectField, TextAreaField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { formatDate, isoToJstInput, jstInputToIso } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { useBodies } from "../bodies/api.js";
import { api, type MeetingDetail, type MeetingInput, useCreateMeeting, useMeeting, useMeetingMutation } from "./api.js";

/** As the date is typed: a holiday, a weekend or the year-end closure (12/29–1/3) is pointed out before saving. */
function DateWarning({ day }: { day: string }) {
  const { t, locale } = useI18n();
  const reason = /^\d{4}-\d{2}-\d{2}$/.test(day) ? nonBusinessReason(day) : null;
  if (!reason) return null;
  return <Alert tone="warning" role="status" title={t("meetings.nonBusinessDay", { date: formatDate(day, locale), reason })} />;
}

/** The fields as typed: Japan-time datetime-local text, "" for nothing. */
interface MeetingFields {
  bodyId: string;
  kind: string;
  startsAt: string;
  endsAt: string;
  place: string;
  onlineUrl: string;
  subtitle: string;
  description: string;
  proposalDeadline: string;
  attendanceDeadline: string;
}

/** The request body the fields stand for (ISO instants, null for an empty optional field). */
const toInput = (v: MeetingFields) => ({
  bodyId: v.bodyId,
  kind: v.kind,
  startsAt: jstInputToIso(v.startsAt) ?? "",
  endsAt: jstInputToIso(v.endsAt) ?? "",
  place: v.place,
  onlineUrl: v.onlineUrl.trim() || null,
  subtitle: v.subtitle.trim() || null,
  description: v.description,
  proposalDeadline: jstInputToIso(v.proposalDeadline),
  attendanceDeadline: jstInputToIso(v.attendanceDeadline),
});

function MeetingForm({
  initial,
  busy,
  error,
  onSubmit,
  cancelTo,
}: {
  initial?: MeetingDetail;
  busy: boolean;
  error: unknown;
  cancelTo: string;
  onSubmit: (v: MeetingInput) => void;
}) {
  const { t, label } = useI18n();
  const bodies = useBodies();
  // A new meeting is checked as the create request, a change as the patch (its body is fixed).
  const form = useZodForm<typeof meetingInput | typeof meetingPatch, MeetingFields>(initial ? meetingPatch : meetingInput, {
    toInput,
    defaultValues: {
      bodyId: initial?.bodyId ?? "",
      kind: initial?.kind ?? "in_person",
      startsAt: isoToJstInput(initial?.startsAt),
      endsAt: isoToJstInput(initial?.endsAt),
      place: initial?.place ?? "",
      onlineUrl: initial?.onlineUrl ?? "",
      subtitle: initial?.subtitle ?? "",
      description: initial?.description ?? "",
      proposalDeadline: isoToJstInput(initial?.proposalDeadline),
      attendanceDeadline: isoToJstInput(initial?.attendanceDeadline),
    },
  });
  return (
    <ZodForm form={form} onValid={(v) => onSubmit(v as MeetingInput)} error={error} className="flex max-w-2xl flex-col gap-5">
      {!initial && (
        <SelectField
          label={t("meetings.body")}
          required
          hint={t("meetings.numberHint")}
          {...form.field("bodyId")}
          options={[
            { value: "", label: t("form.select") },
            ...(bodies.data?.items ?? []).map((b) => ({ value: b.id, label: b.name })),
          ]}
        />
      )}
      <TextField label={t("meetings.subtitle")} {...form.field("subtitle")} />
      <SelectField
        label={t("meetings.kind")}
        required
        {...form.field("kind")}
        options={meetingKinds.map((k) => ({ value: k, label: label(meetingKindLabels, k) }))}
      />
      <TextField label={t("meetings.start")} type="datetime-local" required {...form.field("startsAt")} />
      <DateWarning day={form.watch("startsAt").slice(0, 10)} />
      <TextField label={t("meetings.end")} type="datetime-local" required {...form.field("endsAt")} />
      <TextField label={t("meetings.place")} {...form.field("place")} />
      <TextField label={t("meetings.onlineUrl")} type="url" lang="en" {...form.field("onlineUrl")} />
      <TextField
        label={t("meetings.proposalDeadline")}
        hint={t("meetings.proposalDeadlineHint")}
        type="datetime-local"
        {...form.field("proposalDeadline")}
      />
      <TextField
        label={t("meetings.attendanceDeadline")}
        hint={t("meetings.attendanceDeadlineHint")}
        type="datetime-local"
        {...form.field("attendanceDeadline")}
      />
      <TextAreaField label={t("meetings.description")} {...form.field("description")} />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" busy={busy} busyLabel={t("state.saving")}>
          {t("action.save")}
        </Button>
        <ButtonLink to={cancelTo}>{t("action.cancel")}</ButtonLink>
      </div>
    </ZodForm>
  );
}

export function MeetingCreatePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const toast = useToast();
  const create = useCreateMeeting();
  return (
    <>
      <PageHeader
        title={t("meetings.create")}
        breadcrumbs={[{ label: t("meetings.title"), to: "/meetings" }, { label: t("meetings.create") }]}
      />
      <MeetingForm
        busy={create.isPending}
        error={create.error}
        cancelTo="/meetings"
        onSubmit={(v) =>
          create.mutate(v, {
            onSuccess: (m) => {
              toast.show(t("meetings.created"));
              navigate(`/meetings/${m.id}`);
            },
          })
        }
      />
    </>
  );
}

export function MeetingEditPage() {
  const { t } = useI18n();
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const meeting = useMeeting(id);
  const save = useMeetingMutation(id, ({ bodyId, ...patch }: MeetingInput) => api.patch<MeetingDetail>(`/meetings/${id}`, patch));
  return (
    <QueryState query={meeting}>
      {(m) => (
        <>
          <PageHeader
            title={t("meetings.editTitle")}
            breadcrumbs={[
              { label: t("meetings.title"), to: "/meetings" },
              { label: m.name, to: `/meetings/${id}` },
              { label: t("meetings.editTitle") },
            ]}
          />
          <MeetingForm
            initial={m}
            busy={save.isPending}
            error={save.error}
            cancelTo={`/meetings/${id}`}
            onSubmit={(v) => save.mutate(v, { onSuccess: () => navigate(`/meetings/${id}`) })}
          />
        </>
      )}
    </QueryState>
  );
}
