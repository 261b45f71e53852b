import { useMutation, useQueryClient } from "@tanstack/react-query";
import { timeInput } from "../../../shared/api/support.js";
import { jstDate } from "../../../shared/dates/jst.js";
import { Button } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { TextField } from "../../components/form-field.js";
import { useToast } from "../../components/toast.js";
import { api } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";

/** What is typed: the minutes as text until sent. */
type TimeFields = { minutes: string; date: string; note: string };
const empty = (): TimeFields => ({ minutes: "", date: jstDate(), note: "" });
const toInput = (v: TimeFields) => ({ ...v, minutes: v.minutes.trim() === "" ? undefined : Number(v.minutes) });

/**
 * The time a specialist spent for a town, on a consultation (`/consultations/:id/time`) or on a
 * support session (`/support/engagements/:id/sessions/:sessionId/time`); the month's totals follow.
 */
export function TimeForm({ path, id }: { path: string; id: string }) {
  const { t } = useI18n();
  const toast = useToast();
  const qc = useQueryClient();
  const log = useMutation({
    mutationFn: (input: unknown) => api.post(path, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["support", "time"] }),
  });
  const form = useZodForm<typeof timeInput, TimeFields>(timeInput, { toInput, defaultValues: empty() });
  return (
    <ZodForm
      form={form}
      onValid={(v) =>
        log.mutate(v, {
          onSuccess: () => {
            form.reset(empty());
            toast.show(t("support.time.saved", { minutes: v.minutes }), "success");
          },
        })
      }
      error={log.error}
      aria-labelledby={`${id}-title`}
      className="flex flex-col gap-3"
    >
      <h3 id={`${id}-title`} className="text-std-16B-170">
        {t("support.time.log")}
      </h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label={t("support.time.minutes")}
          type="number"
          inputMode="numeric"
          min={1}
          max={720}
          required
          {...form.field("minutes")}
        />
        <TextField label={t("support.log.date")} type="date" required {...form.field("date")} />
      </div>
      <TextField label={t("support.time.note")} {...form.field("note")} />
      <div>
        <Button type="submit" size="sm" busy={log.isPending} busyLabel={t("state.saving")}>
          {t("support.time.save")}
        </Button>
      </div>
    </ZodForm>
  );
}
