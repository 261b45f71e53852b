import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { meetingKindLabels, meetingKinds } from "../../../shared/api/meetings.js";
import { fromJstDateTimeLocal } from "../../../shared/dates/jst.js";
import { FormError, fieldError } from "../../components/alert.js";
import { Button, ButtonLink } from "../../components/button.js";
import { SelectField, TextAreaField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { useToast } from "../../components/toast.js";
import { useI18n } from "../../lib/i18n.js";
import { useBodies } from "../bodies/api.js";
import { type PollInput, useCreatePoll } from "./poll-api.js";

interface CandidateRow {
  key: number;
  date: string;
  from: string;
  to: string;
}
const instant = (date: string, time: string) => (date && time ? fromJstDateTimeLocal(`${date}T${time}`).toISOString() : "");

export function PollCreatePage() {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const toast = useToast();
  const bodies = useBodies();
  const create = useCreatePoll();
  const [v, setV] = useState({ bodyId: "", title: "", description: "", kind: "in_person", place: "", deadline: "" });
  const [rows, setRows] = useState<CandidateRow[]>([{ key: 1, date: "", from: "14:00", to: "16:00" }]);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const setRow = (key: number, k: "date" | "from" | "to") => (e: { target: { value: string } }) =>
    setRows(rows.map((r) => (r.key === key ? { ...r, [k]: e.target.value } : r)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input: PollInput = {
      bodyId: v.bodyId,
      title: v.title,
      description: v.description,
      kind: v.kind as PollInput["kind"],
      place: v.place,
      deadline: v.deadline ? fromJstDateTimeLocal(v.deadline).toISOString() : "",
      candidates: rows.filter((r) => r.date).map((r) => ({ startsAt: instant(r.date, r.from), endsAt: instant(r.date, r.to) })),
    };
    create.mutate(input, {
      onSuccess: (p) => {
        toast.show(t("poll.created"));
        navigate(`/date-polls/${p.id}`);
      },
    });
  };
  return (
    <>
      <PageHeader title={t("poll.create")} breadcrumbs={[{ label: t("poll.title"), to: "/date-polls" }]} />
      <form noValidate onSubmit={submit} className="flex max-w-2xl flex-col gap-5">
        <FormError error={create.error} fields={["bodyId", "title", "description", "kind", "place", "deadline", "candidates"]} />
        <SelectField
          label={t("poll.body")}
          required
          value={v.bodyId}
          onChange={set("bodyId")}
          error={fieldError(create.error, "bodyId")}
          options={[
            { value: "", label: t("form.select") },
            ...(bodies.data?.items ?? []).map((b) => ({ value: b.id, label: b.name })),
          ]}
        />
        <TextField
          label={t("poll.name")}
          required
          value={v.title}
          onChange={set("title")}
          error={fieldError(create.error, "title")}
        />
        <SelectField
          label={t("poll.kind")}
          required
          value={v.kind}
          onChange={set("kind")}
          options={meetingKinds.map((k) => ({ value: k, label: label(meetingKindLabels, k) }))}
        />
        <TextField label={t("poll.place")} value={v.place} onChange={set("place")} error={fieldError(create.error, "place")} />
        <TextAreaField label={t("poll.description")} value={v.description} onChange={set("description")} rows={3} />
        <fieldset className="flex flex-col gap-4 rounded-8 border border-solid-gray-300 p-4">
          <legend className="px-1 text-std-16B-170">{t("poll.candidates")}</legend>
          {fieldError(create.error, "candidates") && (
            <p className="text-std-16N-170 text-error-2">{fieldError(create.error, "candidates")}</p>
          )}
          {rows.map((r, i) => (
            <fieldset key={r.key} className="flex flex-wrap items-end gap-3">
              <legend className="text-std-16B-170">{t("poll.candidateN", { n: i + 1 })}</legend>
              <TextField label={t("poll.date")} type="date" value={r.date} onChange={setRow(r.key, "date")} />
              <TextField label={t("poll.from")} type="time" value={r.from} onChange={setRow(r.key, "from")} />
              <TextField label={t("poll.to")} type="time" value={r.to} onChange={setRow(r.key, "to")} />
              {rows.length > 1 && (
                <Button variant="text" size="sm" onClick={() => setRows(rows.filter((x) => x.key !== r.key))}>
                  {t("poll.removeCandidate", { n: i + 1 })}
                </Button>
              )}
            </fieldset>
          ))}
          <div>
            <Button
              variant="secondary"
              size="sm"
              onClick={() =>
                setRows([...rows, { key: Math.max(...rows.map((r) => r.key)) + 1, date: "", from: "14:00", to: "16:00" }])
              }
            >
              {t("poll.addCandidate")}
            </Button>
          </div>
        </fieldset>
        <TextField
          label={t("poll.deadline")}
          type="datetime-local"
          required
          value={v.deadline}
          onChange={set("deadline")}
          error={fieldError(create.error, "deadline")}
        />
        <div className="flex gap-3">
          <Button type="submit" busy={create.isPending}>
            {t("poll.send")}
          </Button>
          <ButtonLink to="/date-polls" variant="secondary">
            {t("action.cancel")}
          </ButtonLink>
        </div>
      </form>
    </>
  );
}
