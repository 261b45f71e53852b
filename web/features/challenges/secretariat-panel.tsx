import {
  agendaLinkInput,
  type ChallengeDetail,
  challengeStatuses,
  challengeStatusLabels,
  statusInput,
} from "../../../shared/api/challenges.js";
import { Button } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { SelectField, TextAreaField } from "../../components/form-field.js";
import { useToast } from "../../components/toast.js";
import { formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { useLinkMeeting, useSetStatus, useUpcomingMeetings } from "./api.js";

/** The secretariat's controls: the status (with the resolution summary) and the proposal to a meeting's agenda. */
export function SecretariatPanel({ c }: { c: ChallengeDetail }) {
  const { t, label, locale } = useI18n();
  const toast = useToast();
  const statusForm = useZodForm(statusInput, { defaultValues: { status: c.status, resolution: c.resolution ?? "" } });
  const linkForm = useZodForm(agendaLinkInput, { defaultValues: { meetingId: "" } });
  const save = useSetStatus(c.id);
  const link = useLinkMeeting(c.id);
  const meetings = useUpcomingMeetings(c.abilities.canLinkMeeting);
  const open = (meetings.data?.items ?? []).filter((m) => m.status === "draft" || m.status === "announced");
  return (
    <section
      aria-labelledby="secretariat-heading"
      className="flex flex-col gap-4 rounded-12 border border-solid-gray-300 bg-solid-gray-50 p-4"
    >
      <h2 id="secretariat-heading" className="text-std-20B-150">
        {t("challenges.secretariat")}
      </h2>
      {c.abilities.canSetStatus && (
        <ZodForm
          form={statusForm}
          onValid={(v) =>
            save.mutate(
              { status: v.status, resolution: v.resolution || undefined },
              { onSuccess: () => toast.show(t("challenges.statusSaved")) },
            )
          }
          error={save.error}
          className="flex max-w-2xl flex-col gap-3"
        >
          <SelectField
            label={t("challenges.status")}
            {...statusForm.field("status")}
            options={challengeStatuses.map((s) => ({ value: s, label: label(challengeStatusLabels, s) }))}
          />
          <TextAreaField
            label={t("challenges.resolution")}
            hint={t("challenges.resolutionHint")}
            rows={3}
            {...statusForm.field("resolution")}
          />
          <div>
            <Button type="submit" busy={save.isPending}>
              {t("challenges.setStatus")}
            </Button>
          </div>
        </ZodForm>
      )}
      {c.abilities.canLinkMeeting && (
        <ZodForm
          form={linkForm}
          onValid={(v) => link.mutate(v.meetingId, { onSuccess: () => toast.show(t("challenges.proposed")) })}
          error={link.error}
          className="flex max-w-2xl flex-col gap-3"
        >
          <h3 className="text-std-18B-160">{t("challenges.meeting")}</h3>
          {open.length === 0 ? (
            <p>{t("challenges.noMeetings")}</p>
          ) : (
            <>
              <SelectField
                label={t("challenges.meetingSelect")}
                {...linkForm.field("meetingId")}
                options={[
                  { value: "", label: t("form.select") },
                  ...open.map((m) => ({ value: m.id, label: `${m.name}（${formatDateTime(m.startsAt, locale)}）` })),
                ]}
              />
              <div>
                <Button type="submit" variant="secondary" busy={link.isPending}>
                  {t("challenges.meeting")}
                </Button>
              </div>
            </>
          )}
        </ZodForm>
      )}
    </section>
  );
}
