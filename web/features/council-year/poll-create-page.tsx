import { useFieldArray } from "react-hook-form";
import { useNavigate } from "react-router";
import { pollInput } from "../../../shared/api/date-polls.js";
import { meetingKindLabels, meetingKinds } from "../../../shared/api/meetings.js";
import { Button, ButtonLink } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { SelectField, TextAreaField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { useToast } from "../../components/toast.js";
import { jstInputToIso } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { useBodies } from "../bodies/api.js";
import { useCreatePoll } from "./poll-api.js";

/** The fields as typed: a date and two Japan-time clock times per candidate, a datetime-local deadline. */
interface PollFields {
  bodyId: string;
  title: string;
  description: string;
  kind: string;
  place: string;
  deadline: string;
  candidates: { date: string; from: string; to: string }[];
}

const instant = (date: string, time: string) => (date && time ? (jstInputToIso(`${date}T${time}`) ?? "") : "");

/** The request the fields stand for: rows without a date are left out. */
const toInput = (v: PollFields) => ({
  ...v,
  deadline: jstInputToIso(v.deadline) ?? "",
  candidates: v.candidates
    .filter((r) => r.date)
    .map((r) => ({ startsAt: instant(r.date, r.from), endsAt: instant(r.date, r.to) })),
});

const emptyRow = { date: "", from: "14:00", to: "16:00" };

export function PollCreatePage() {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const toast = useToast();
  const bodies = useBodies();
  const create = useCreatePoll();
  const form = useZodForm<typeof pollInput, PollFields>(pollInput, {
    toInput,
    defaultValues: { bodyId: "", title: "", description: "", kind: "in_person", place: "", deadline: "", candidates: [emptyRow] },
  });
  const rows = useFieldArray({ control: form.control, name: "candidates" });
  const values = form.watch("candidates");
  // The request's candidate number of each row (rows without a date are not sent), for its messages.
  const sent = (i: number) => values.slice(0, i).filter((r) => r.date).length;
  const candidatesError = form.errorOf("candidates") ?? form.errorOf("candidates.root");
  return (
    <>
      <PageHeader title={t("poll.create")} breadcrumbs={[{ label: t("poll.title"), to: "/date-polls" }]} />
      <ZodForm
        form={form}
        error={create.error}
        onValid={(input) =>
          create.mutate(input, {
            onSuccess: (p) => {
              toast.show(t("poll.created"));
              navigate(`/date-polls/${p.id}`);
            },
          })
        }
        className="flex max-w-2xl flex-col gap-5"
      >
        <SelectField
          label={t("poll.body")}
          required
          {...form.field("bodyId")}
          options={[
            { value: "", label: t("form.select") },
            ...(bodies.data?.items ?? []).map((b) => ({ value: b.id, label: b.name })),
          ]}
        />
        <TextField label={t("poll.name")} required {...form.field("title")} />
        <SelectField
          label={t("poll.kind")}
          required
          {...form.field("kind")}
          options={meetingKinds.map((k) => ({ value: k, label: label(meetingKindLabels, k) }))}
        />
        <TextField label={t("poll.place")} {...form.field("place")} />
        <TextAreaField label={t("poll.description")} rows={3} {...form.field("description")} />
        <fieldset className="flex flex-col gap-4 rounded-8 border border-solid-gray-300 p-4">
          <legend className="px-1 text-std-16B-170">{t("poll.candidates")}</legend>
          {candidatesError && <p className="text-std-16N-170 text-error-2">{candidatesError}</p>}
          {rows.fields.map((r, i) => {
            const at = values[i]?.date ? `candidates.${sent(i)}` : null;
            return (
              <fieldset key={r.id} className="flex flex-wrap items-end gap-3">
                <legend className="text-std-16B-170">{t("poll.candidateN", { n: i + 1 })}</legend>
                <TextField
                  label={t("poll.date")}
                  type="date"
                  {...form.field(`candidates.${i}.date`)}
                  error={at ? form.errorOf(`${at}.startsAt`) : undefined}
                />
                <TextField label={t("poll.from")} type="time" {...form.field(`candidates.${i}.from`)} />
                <TextField
                  label={t("poll.to")}
                  type="time"
                  {...form.field(`candidates.${i}.to`)}
                  error={at ? form.errorOf(`${at}.endsAt`) : undefined}
                />
                {rows.fields.length > 1 && (
                  <Button variant="text" size="sm" onClick={() => rows.remove(i)}>
                    {t("poll.removeCandidate", { n: i + 1 })}
                  </Button>
                )}
              </fieldset>
            );
          })}
          <div>
            <Button variant="secondary" size="sm" onClick={() => rows.append(emptyRow)}>
              {t("poll.addCandidate")}
            </Button>
          </div>
        </fieldset>
        <TextField label={t("poll.deadline")} type="datetime-local" required {...form.field("deadline")} />
        <div className="flex gap-3">
          <Button type="submit" busy={create.isPending}>
            {t("poll.send")}
          </Button>
          <ButtonLink to="/date-polls" variant="secondary">
            {t("action.cancel")}
          </ButtonLink>
        </div>
      </ZodForm>
    </>
  );
}
