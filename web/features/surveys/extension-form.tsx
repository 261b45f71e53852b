import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormError, fieldError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { type Answer, extendDeadline, type Survey, surveyKeys } from "./api.js";
import { DeadlinePicker } from "./deadline-picker.js";
import { fromJstParts, jstParts } from "./format.js";

/** A later deadline for this organisation only (the business-day warning applies here too). */
export function ExtensionForm({ survey, answer }: { survey: Survey; answer: Answer }) {
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const initial = jstParts(answer.extendedUntil ?? answer.deadlineAt);
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time);
  const save = useMutation({
    mutationFn: (until: string | null) => extendDeadline(survey.id, answer.org.id, until),
    onSuccess: (a) => {
      qc.setQueryData(surveyKeys.answer(survey.id, answer.org.id), a);
      qc.invalidateQueries({ queryKey: surveyKeys.board(survey.id) });
    },
  });
  return (
    <section aria-labelledby="extension" className="flex flex-col gap-3 rounded-8 border border-solid-gray-300 p-4">
      <h2 id="extension" className="text-std-18B-160">
        {t("surveys.extensionTitle")}
      </h2>
      <p className="text-dns-16N-130">
        {answer.extendedUntil
          ? t("surveys.extendedUntil", { at: formatDateTime(answer.extendedUntil, locale) })
          : t("surveys.noExtension")}
      </p>
      <FormError error={save.error} fields={["until"]} />
      <DeadlinePicker
        date={date}
        time={time}
        error={fieldError(save.error, "until")}
        remindDaysBefore={survey.remindDaysBefore}
        remindOnDay={survey.remindOnDay}
        onChange={(d, tm) => {
          setDate(d);
          setTime(tm);
        }}
      />
      <div className="flex gap-3">
        <Button busy={save.isPending} onClick={() => save.mutate(fromJstParts(date, time))}>
          {t("surveys.extend")}
        </Button>
        {answer.extendedUntil && (
          <Button variant="secondary" onClick={() => save.mutate(null)}>
            {t("surveys.removeExtension")}
          </Button>
        )}
      </div>
    </section>
  );
}
