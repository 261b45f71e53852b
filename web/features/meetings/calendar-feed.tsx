import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { Card } from "../../components/card.js";
import { useToast } from "../../components/toast.js";
import { useI18n } from "../../lib/i18n.js";
import { api, meetingKeys, useFeedStatus } from "./api.js";

/** The personal iCalendar feed: issue (shown once), reissue, revoke. */
export function CalendarFeedCard() {
  const { t } = useI18n();
  const toast = useToast();
  const qc = useQueryClient();
  const status = useFeedStatus();
  const [url, setUrl] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => api.post<{ url: string }>("/calendar/feed"),
    onSuccess: (r) => {
      setUrl(r.url);
      qc.invalidateQueries({ queryKey: meetingKeys.feed });
    },
  });
  const revoke = useMutation({
    mutationFn: () => api.delete<{ active: boolean }>("/calendar/feed"),
    onSuccess: () => {
      setUrl(null);
      toast.show(t("feed.revoked"));
      qc.invalidateQueries({ queryKey: meetingKeys.feed });
    },
  });
  const active = status.data?.active;
  return (
    <Card id="calendar-feed" title={t("feed.title")}>
      <p className="text-std-16N-170">{t("feed.lead")}</p>
      <FormError error={create.error ?? revoke.error} />
      <p role="status">{active ? t("feed.active") : t("feed.inactive")}</p>
      {url && (
        <label className="flex flex-col gap-1">
          <span className="text-std-16B-170">{t("feed.url")}</span>
          <input
            readOnly
            value={url}
            className="rounded-8 border border-solid-gray-900 px-3 py-2"
            onFocus={(e) => e.target.select()}
          />
        </label>
      )}
      <div className="flex flex-wrap gap-3">
        <Button variant="secondary" size="sm" busy={create.isPending} onClick={() => create.mutate()}>
          {active ? t("feed.rotate") : t("feed.create")}
        </Button>
        {active && (
          <Button variant="danger" size="sm" busy={revoke.isPending} onClick={() => revoke.mutate()}>
            {t("feed.revoke")}
          </Button>
        )}
      </div>
    </Card>
  );
}
