import { useState } from "react";
import type { NoticeDetail, ReadStatus } from "../../../shared/api/notices.js";
import { FormError } from "../../components/alert.js";
import { Badge } from "../../components/badge.js";
import { Button } from "../../components/button.js";
import { DataTable } from "../../components/data-table.js";
import { ConfirmDialog } from "../../components/dialog.js";
import { QueryState } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { useReadStatus, useRemind } from "./api.js";

type OrgRow = ReadStatus["orgs"][number];

/** Which organisations have read the notice (any of their staff), who in each, and a reminder for the rest. */
export function NoticeReads({ n }: { n: NoticeDetail }) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const reads = useReadStatus(n.id, true);
  const remind = useRemind(n.id);
  const [confirm, setConfirm] = useState(false);
  return (
    <section aria-labelledby="reads-heading" className="flex flex-col gap-3">
      <h2 id="reads-heading" className="text-std-20B-150">
        {t("notices.reads")}
      </h2>
      <QueryState query={reads}>
        {(s) => (
          <>
            <p className="text-std-16B-170">{t("notices.readSummary", { count: s.orgCount, read: s.readOrgCount })}</p>
            {s.remindedAt && (
              <p className="text-dns-14N-130">{t("notices.lastReminded", { at: formatDateTime(s.remindedAt, locale) })}</p>
            )}
            {n.abilities.canRemind && s.readOrgCount < s.orgCount && (
              <div>
                <FormError error={remind.error} />
                <Button variant="secondary" busy={remind.isPending} onClick={() => setConfirm(true)}>
                  {t("notices.remind")}
                </Button>
                <ConfirmDialog
                  open={confirm}
                  title={t("notices.remind")}
                  message={t("notices.remindConfirm", { count: s.orgCount - s.readOrgCount })}
                  confirmLabel={t("notices.remind")}
                  busy={remind.isPending}
                  onClose={() => setConfirm(false)}
                  onConfirm={() =>
                    remind.mutate(undefined, {
                      onSuccess: (r) => {
                        setConfirm(false);
                        toast.show(t("notices.reminded", { orgs: r.orgs, users: r.notifiedUsers }));
                      },
                    })
                  }
                />
              </div>
            )}
            <DataTable<OrgRow>
              caption={t("notices.readsCaption")}
              rows={[...s.orgs].sort((a, b) => Number(a.read) - Number(b.read))}
              rowKey={(o) => o.id}
              empty={t("notices.empty")}
              columns={[
                { key: "org", header: t("notices.org"), cell: (o) => o.name },
                {
                  key: "status",
                  header: t("notices.orgStatus"),
                  cell: (o) =>
                    o.read ? (
                      <Badge tone="green">{t("notices.read")}</Badge>
                    ) : (
                      <Badge tone="orange">{t("notices.notRead")}</Badge>
                    ),
                },
                { key: "first", header: t("notices.firstRead"), cell: (o) => formatDateTime(o.firstReadAt, locale) },
                {
                  key: "users",
                  header: t("notices.readers"),
                  cell: (o) =>
                    o.users
                      .filter((u) => u.readAt)
                      .map((u) => u.name)
                      .join("、"),
                },
              ]}
            />
          </>
        )}
      </QueryState>
    </section>
  );
}
