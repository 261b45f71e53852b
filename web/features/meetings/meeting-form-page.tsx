import { type FormEvent, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { meetingKindLabels, meetingKinds } from "../../../shared/api/meetings.js";
import { FormError, fieldError } from "../../components/alert.js";
import { Button, ButtonLink } from "../../components/button.js";
import { SelectField, TextAreaField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { useI18n } from "../../lib/i18n.js";
import { useBodies } from "../bodies/api.js";
import {
  api,
  fromLocalInput,
  type MeetingDetail,
  type MeetingInput,
  toLocalInput,
  useCreateMeeting,
  useMeeting,
  useMeetingMutation,
} from "./api.js";

type Kind = MeetingInput["kind"];
const fields = [
  "bodyId",
  "kind",
  "startsAt",
  "endsAt",
  "place",
  "onlineUrl",
  "subtitle",
  "description",
  "proposalDeadline",
  "attendanceDeadline",
];

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
  const [v, setV] = useState({
    bodyId: initial?.bodyId ?? "",
    kind: (initial?.kind ?? "in_person") as Kind,
    startsAt: toLocalInput(initial?.startsAt),
    endsAt: toLocalInput(initial?.endsAt),
    place: initial?.place ?? "",
    onlineUrl: initial?.onlineUrl ?? "",
    subtitle: initial?.subtitle ?? "",
    description: initial?.description ?? "",
    proposalDeadline: toLocalInput(initial?.proposalDeadline),
    attendanceDeadline: toLocalInput(initial?.attendanceDeadline),
  });
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({
      bodyId: v.bodyId,
      kind: v.kind,
      startsAt: fromLocalInput(v.startsAt) ?? "",
      endsAt: fromLocalInput(v.endsAt) ?? "",
      place: v.place,
      onlineUrl: v.onlineUrl.trim() || null,
      subtitle: v.subtitle.trim() || null,
      description: v.description,
      proposalDeadline: fromLocalInput(v.proposalDeadline),
      attendanceDeadline: fromLocalInput(v.attendanceDeadline),
    });
  };
  return (
    <form noValidate onSubmit={submit} className="flex max-w-2xl flex-col gap-5">
      <FormError error={error} fields={fields} />
      {!initial && (
        <SelectField
          label={t("meetings.body")}
          required
          hint={t("meetings.numberHint")}
          value={v.bodyId}
          onChange={set("bodyId")}
          options={[
            { value: "", label: t("form.select") },
            ...(bodies.data?.items ?? []).map((b) => ({ value: b.id, label: b.name })),
          ]}
          error={fieldError(error, "bodyId")}
        />
      )}
      <TextField
        label={t("meetings.subtitle")}
        value={v.subtitle}
        onChange={set("subtitle")}
        error={fieldError(error, "subtitle")}
      />
      <SelectField
        label={t("meetings.kind")}
        required
        value={v.kind}
        onChange={set("kind")}
        options={meetingKinds.map((k) => ({ value: k, label: label(meetingKindLabels, k) }))}
        error={fieldError(error, "kind")}
      />
      <TextField
        label={t("meetings.start")}
        type="datetime-local"
        required
        value={v.startsAt}
        onChange={set("startsAt")}
        error={fieldError(error, "startsAt")}
      />
      <TextField
        label={t("meetings.end")}
        type="datetime-local"
        required
        value={v.endsAt}
        onChange={set("endsAt")}
        error={fieldError(error, "endsAt")}
      />
      <TextField label={t("meetings.place")} value={v.place} onChange={set("place")} error={fieldError(error, "place")} />
      <TextField
        label={t("meetings.onlineUrl")}
        type="url"
        lang="en"
        value={v.onlineUrl}
        onChange={set("onlineUrl")}
        error={fieldError(error, "onlineUrl")}
      />
      <TextField
        label={t("meetings.proposalDeadline")}
        hint={t("meetings.proposalDeadlineHint")}
        type="datetime-local"
        value={v.proposalDeadline}
        onChange={set("proposalDeadline")}
        error={fieldError(error, "proposalDeadline")}
      />
      <TextField
        label={t("meetings.attendanceDeadline")}
        hint={t("meetings.attendanceDeadlineHint")}
        type="datetime-local"
        value={v.attendanceDeadline}
        onChange={set("attendanceDeadline")}
        error={fieldError(error, "attendanceDeadline")}
      />
      <TextAreaField
        label={t("meetings.description")}
        value={v.description}
        onChange={set("description")}
        error={fieldError(error, "description")}
      />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" busy={busy} busyLabel={t("state.saving")}>
          {t("action.save")}
        </Button>
        <ButtonLink to={cancelTo}>{t("action.cancel")}</ButtonLink>
      </div>
    </form>
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
