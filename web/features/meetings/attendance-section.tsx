import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Controller } from "react-hook-form";
import type { z } from "zod";
import { attendanceInput, attendanceModeLabels, attendanceModes } from "../../../shared/api/meetings.js";
import { useMe } from "../../app/session.js";
import { Button } from "../../components/button.js";
import { ContactLine } from "../../components/contact-line.js";
import { DataTable } from "../../components/data-table.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { SelectField, TextAreaField, TextField } from "../../components/form-field.js";
import { QueryState } from "../../components/query-state.js";
import { RadioGroup } from "../../components/radio-group.js";
import { useToast } from "../../components/toast.js";
import { formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { type AttendanceList, api, type MeetingDetail, meetingKeys, useAttendance } from "./api.js";

type Mode = (typeof attendanceModes)[number];
/** The answer as typed: the attendees one a line. */
interface AnswerFields {
  mode: Mode | null;
  attendees: string;
  note: string;
}

function useAttendanceMutation<V>(id: string, fn: (v: V) => Promise<AttendanceList>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: (d) => qc.setQueryData(meetingKeys.attendance(id), d) });
}

/** One organisation's answer: its own staff, or the secretariat entering a reply received by phone or mail. */
function AnswerForm({
  m,
  list,
  orgId,
  orgName,
  onBehalf,
}: {
  m: MeetingDetail;
  list: AttendanceList;
  orgId: string;
  orgName: string;
  onBehalf?: boolean;
}) {
  const { t, label } = useI18n();
  const toast = useToast();
  const row = list.items.find((i) => i.org.id === orgId);
  const form = useZodForm<typeof attendanceInput, AnswerFields>(attendanceInput, {
    // Nothing is preselected: an organisation that has not answered sees no choice made for it.
    defaultValues: { mode: row?.mode ?? null, attendees: (row?.attendees ?? []).join("\n"), note: row?.note ?? "" },
    toInput: (v) => ({
      ...v,
      attendees: v.attendees
        .split("\n")
        .map((s) => s.trim())
        .filter(Boolean),
    }),
  });
  const save = useAttendanceMutation(m.id, (answer: z.output<typeof attendanceInput>) =>
    api.put<AttendanceList>(`/meetings/${m.id}/attendance/${orgId}`, answer),
  );
  const mode = form.watch("mode");
  if (!row?.abilities.canAnswer) return null;
  const submit = (answer: z.output<typeof attendanceInput>) =>
    save.mutate(answer, {
      onSuccess: () => toast.show(t(onBehalf ? "attendance.answeredFor" : "attendance.answered", { org: orgName })),
    });
  const headingId = `answer-heading-${orgId}`;
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3 rounded-8 border border-solid-gray-300 p-4">
      <h3 id={headingId} className="text-std-18B-160">
        {t(onBehalf ? "attendance.forOrg" : "attendance.mine", { org: orgName })}
      </h3>
      {row.answeredAt ? null : <p className="text-dns-16N-130">{t("attendance.notYet")}</p>}
      <ZodForm form={form} onValid={submit} error={save.error} className="flex max-w-2xl flex-col gap-4">
        <Controller
          control={form.control}
          name="mode"
          render={({ field }) => (
            <RadioGroup<Mode>
              legend={t("attendance.mode")}
              name={`attendance-mode-${orgId}`}
              value={field.value}
              onChange={field.onChange}
              options={attendanceModes.map((k) => ({ value: k, label: label(attendanceModeLabels, k) }))}
            />
          )}
        />
        {form.errorOf("mode") && <p className="text-dns-16N-130 text-error-2">! {form.errorOf("mode")}</p>}
        {mode !== "absent" && (
          <TextAreaField
            label={t("attendance.attendees")}
            hint={t("attendance.attendeesHint")}
            rows={3}
            {...form.field("attendees")}
          />
        )}
        <TextField
          label={t("attendance.note")}
          hint={onBehalf ? t("attendance.onBehalfHint") : undefined}
          {...form.field("note")}
        />
        <div>
          <Button type="submit" busy={save.isPending} busyLabel={t("state.saving")}>
            {t(onBehalf ? "attendance.answerFor" : "attendance.answer")}
          </Button>
        </div>
      </ZodForm>
    </section>
  );
}

/** The secretariat picks an organisation that replied by phone or mail and enters its answer (recorded as entered on its behalf). */
function OnBehalfForm({ m, list }: { m: MeetingDetail; list: AttendanceList }) {
  const { t } = useI18n();
  const me = useMe();
  const others = list.items.filter((i) => i.org.id !== me.user.org.id && i.abilities.canAnswer);
  const [orgId, setOrgId] = useState("");
  if (!m.abilities.canTakeRoll || others.length === 0) return null;
  const chosen = others.find((o) => o.org.id === orgId);
  return (
    <div className="flex flex-col gap-3">
      <SelectField
        label={t("attendance.onBehalf")}
        hint={t("attendance.onBehalfLead")}
        value={orgId}
        onChange={(e) => setOrgId(e.target.value)}
        options={[
          { value: "", label: t("attendance.chooseOrg") },
          ...others.map((o) => ({ value: o.org.id, label: o.org.name })),
        ]}
        className="max-w-md"
      />
      {chosen && <AnswerForm key={chosen.org.id} m={m} list={list} orgId={chosen.org.id} orgName={chosen.org.name} onBehalf />}
    </div>
  );
}

function OwnAnswer({ m, list }: { m: MeetingDetail; list: AttendanceList }) {
  const me = useMe();
  return <AnswerForm m={m} list={list} orgId={me.user.org.id} orgName={me.user.org.name} />;
}

function RollButtons({ m, orgId, present, name }: { m: MeetingDetail; orgId: string; present: boolean | null; name: string }) {
  const { t } = useI18n();
  const roll = useAttendanceMutation(m.id, (p: boolean) =>
    api.put<AttendanceList>(`/meetings/${m.id}/attendance/${orgId}/roll`, { present: p }),
  );
  return (
    <div className="flex gap-2">
      <Button
        size="sm"
        variant={present === true ? "primary" : "secondary"}
        aria-pressed={present === true}
        aria-label={`${name}：${t("attendance.present")}`}
        onClick={() => roll.mutate(true)}
      >
        {t("attendance.present")}
      </Button>
      <Button
        size="sm"
        variant={present === false ? "primary" : "secondary"}
        aria-pressed={present === false}
        aria-label={`${name}：${t("attendance.absent")}`}
        onClick={() => roll.mutate(false)}
      >
        {t("attendance.absent")}
      </Button>
    </div>
  );
}

export function AttendanceSection({ m }: { m: MeetingDetail }) {
  const { t, label, locale } = useI18n();
  const list = useAttendance(m.id);
  return (
    <section aria-labelledby="attendance-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="attendance-heading" className="text-std-24B-150">
          {t("attendance.title")}
        </h2>
        {m.abilities.canTakeRoll && (
          <div className="flex gap-3">
            <a className="link" href={`/api/meetings/${m.id}/attendance.xlsx`} download>
              {t("attendance.xlsx")}
            </a>
            <a className="link" href={`/api/meetings/${m.id}/attendance.csv`} download>
              {t("attendance.csv")}
            </a>
          </div>
        )}
      </div>
      <QueryState query={list}>
        {(data) => (
          <>
            <p className="text-dns-16N-130">
              {data.deadline && t("attendance.deadline", { when: formatDateTime(data.deadline, locale) })}
              {!data.open && ` ${t("attendance.closed")}`}
            </p>
            <p className="text-dns-16N-130">{t("attendance.counts", data.counts)}</p>
            <OwnAnswer m={m} list={data} />
            <OnBehalfForm m={m} list={data} />
            <DataTable
              caption={t("attendance.title")}
              hideCaption
              rows={data.items}
              rowKey={(r) => r.org.id}
              empty={t("meetings.empty")}
              columns={[
                {
                  key: "org",
                  header: t("attendance.org"),
                  cell: (r) => (
                    <>
                      {r.org.name}
                      {r.answeredBy && `（${r.answeredBy}）`}
                      <ContactLine contact={r.contact} />
                    </>
                  ),
                },
                {
                  key: "mode",
                  header: t("attendance.mode"),
                  cell: (r) =>
                    r.mode
                      ? `${label(attendanceModeLabels, r.mode)}${r.onBehalf ? t("attendance.byProxy") : ""}`
                      : t("attendance.unanswered"),
                },
                { key: "names", header: t("attendance.attendees"), cell: (r) => r.attendees.join("、") },
                ...(m.abilities.canTakeRoll
                  ? [
                      {
                        key: "roll",
                        header: t("attendance.roll"),
                        cell: (r: (typeof data.items)[number]) => (
                          <RollButtons m={m} orgId={r.org.id} present={r.present} name={r.org.name} />
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </>
        )}
      </QueryState>
    </section>
  );
}
