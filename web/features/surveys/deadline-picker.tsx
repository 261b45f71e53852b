import { addBusinessDays, nonBusinessReason } from "../../../shared/dates/calendar.js";
import { reminderDates } from "../../../shared/surveys/reminders.js";
import { Alert } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { TextField } from "../../components/form-field.js";
import { formatDate } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";

/**
 * The deadline: a date and a time in Japan. It knows weekends, national holidays and the year-end
 * closure (12/29–1/3) and warns — without refusing — when the date is not a business day, offering
 * the business day before; it also says when the automatic reminders will go out.
 */
export function DeadlinePicker({
  date,
  time,
  onChange,
  error,
  remindDaysBefore,
  remindOnDay,
  disabled,
}: {
  date: string;
  time: string;
  onChange: (date: string, time: string) => void;
  error?: string;
  remindDaysBefore: number | null;
  remindOnDay: boolean;
  disabled?: boolean;
}) {
  const { t, locale } = useI18n();
  const reason = date ? nonBusinessReason(date) : null;
  const earlier = reason ? addBusinessDays(date, -1) : null;
  const reminders = date ? reminderDates(date, remindDaysBefore, remindOnDay) : null;
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-4">
        <TextField
          type="date"
          label={t("surveys.deadlineDate")}
          required
          className="w-60"
          value={date}
          error={error}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value, time)}
        />
        <TextField
          type="time"
          label={t("surveys.deadlineTime")}
          required
          className="w-40"
          value={time}
          disabled={disabled}
          onChange={(e) => onChange(date, e.target.value)}
        />
      </div>
      {reason && earlier && (
        <Alert tone="warning" role="status" title={t("surveys.notBusinessDay", { date: formatDate(date, locale), reason })}>
          <p>{t("surveys.notBusinessDayHint")}</p>
          {!disabled && (
            <Button variant="secondary" size="sm" className="mt-2" onClick={() => onChange(earlier, time)}>
              {t("surveys.useEarlier", { date: formatDate(earlier, locale) })}
            </Button>
          )}
        </Alert>
      )}
      {reminders && (reminders.before || reminders.day) && (
        <p className="text-dns-14N-130 text-solid-gray-700">
          {t("surveys.reminderPlan", {
            dates: [reminders.before, reminders.day]
              .filter((d): d is string => !!d)
              .map((d) => formatDate(d, locale))
              .join("、"),
          })}
        </p>
      )}
    </div>
  );
}
