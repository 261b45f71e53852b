import { type FormEvent, useState } from "react";
import { type ChallengeDetail, challengeStatuses, challengeStatusLabels } from "../../../shared/api/challenges.js";
import { FormError, fieldError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { SelectField, TextAreaField } from "../../components/form-field.js";
import { useToast } from "../../components/toast.js";
import { formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { useLinkMeeting, useSetStatus, useUpcomingMeetings } from "./api.js";

/** The secretariat's controls: the status (with the resolution summary) and the proposal to a meeting's agenda. */
export function SecretariatPanel({ c }: { c: ChallengeDetail }) {
  const { t, label, locale } = useI18n();
  const toast = useToast();
  const [status, setStatus] = useState<string>(c.status);
  const [resolution, setResolution] = useState(c.resolution ?? "");
  const [meetingId, setMeetingId] = useState("");
  const save = useSetStatus(c.id);
  const link = useLinkMeeting(c.id);
  const meetings = useUpcomingMeetings(c.abilities.canLinkMeeting);
  const open = (meetings.data?.items ?? []).filter((m) => m.status === "draft" || m.status === "announced");
  const submitStatus = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ status, resolution: resolution || undefined }, { onSuccess: () => toast.show(t("challenges.statusSaved")) });
  };
  const submitLink = (e: FormEvent) => {
    e.preventDefault();
    link.mutate(meetingId, { onSuccess: () => toast.show(t("challenges.proposed")) });
  };
  return (
    <section
      aria-labelledby="secretariat-heading"
      className="flex flex-col gap-4 rounded-12 border border-solid-gray-300 bg-solid-gray-50 p-4"
    >
      <h2 id="secretariat-heading" className="text-std-20B-150">
        {t("challenges.secretariat")}
      </h2>
      {c.abilities.canSetStatus && (
        <form noValidate onSubmit={submitStatus} className="flex max-w-2xl flex-col gap-3">
          <FormError error={save.error} fields={["status", "resolution"]} />
          <SelectField
            label={t("challenges.status")}
            value={status}
            onChange={(e) => setStatus(e.target.value)}
            options={challengeStatuses.map((s) => ({ value: s, label: label(challengeStatusLabels, s) }))}
          />
          <TextAreaField
            label={t("challenges.resolution")}
            hint={t("challenges.resolutionHint")}
            rows={3}
            value={resolution}
            onChange={(e) => setResolution(e.target.value)}
            error={fieldError(save.error, "resolution")}
          />
          <div>
            <Button type="submit" busy={save.isPending}>
              {t("challenges.setStatus")}
            </Button>
          </div>
        </form>
      )}
      {c.abilities.canLinkMeeting && (
        <form noValidate onSubmit={submitLink} className="flex max-w-2xl flex-col gap-3">
          <h3 className="text-std-18B-160">{t("challenges.meeting")}</h3>
          <FormError error={link.error} fields={["meetingId"]} />
          {open.length === 0 ? (
            <p>{t("challenges.noMeetings")}</p>
          ) : (
            <>
              <SelectField
                label={t("challenges.meetingSelect")}
                value={meetingId}
                onChange={(e) => setMeetingId(e.target.value)}
                options={[
                  { value: "", label: t("form.select") },
                  ...open.map((m) => ({ value: m.id, label: `${m.name}（${formatDateTime(m.startsAt, locale)}）` })),
                ]}
                error={fieldError(link.error, "meetingId")}
              />
              <div>
                <Button type="submit" variant="secondary" busy={link.isPending}>
                  {t("challenges.meeting")}
                </Button>
              </div>
            </>
          )}
        </form>
      )}
    </section>
  );
}
