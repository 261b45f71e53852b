import { useState } from "react";
import { positionLabels } from "../../../shared/api/bodies.js";
import { FormError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { ContactLine } from "../../components/contact-line.js";
import { DataTable } from "../../components/data-table.js";
import { ConfirmDialog } from "../../components/dialog.js";
import { useToast } from "../../components/toast.js";
import type { BodyDetail, Member } from "../../lib/api-types.js";
import { formatDate } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { memberName, sortMembers, useRemoveMember } from "./api.js";
import { EditMemberDialog } from "./edit-member-dialog.js";

export function MemberTable({ body }: { body: BodyDetail }) {
  const { t, label, locale } = useI18n();
  const toast = useToast();
  const [editing, setEditing] = useState<Member | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);
  const remove = useRemoveMember(body.id);
  const manage = body.abilities.canManageMembers;

  const term = (m: Member) =>
    m.termStart || m.termEnd ? `${formatDate(m.termStart, locale)}〜${formatDate(m.termEnd, locale)}` : "—";

  return (
    <>
      <FormError error={remove.error} />
      <DataTable<Member>
        caption={t("bodies.membersCaption", { name: body.name })}
        hideCaption
        rows={sortMembers(body.members)}
        rowKey={(m) => m.id}
        empty={t("bodies.noMembers")}
        columns={[
          { key: "position", header: t("bodies.position"), cell: (m) => label(positionLabels, m.position) },
          {
            key: "who",
            header: t("bodies.orgOrPerson"),
            cell: (m) =>
              m.user ? (
                <>
                  {m.user.name}
                  <span className="block text-dns-14N-130 text-solid-gray-700">
                    {t("bodies.person")}・{m.user.orgName}
                  </span>
                  <ContactLine contact={m.contact} />
                </>
              ) : (
                <>
                  {m.org?.name}
                  <ContactLine contact={m.contact} />
                </>
              ),
          },
          { key: "term", header: t("bodies.term"), cell: term },
          ...(manage
            ? [
                {
                  key: "actions",
                  header: t("bodies.actions"),
                  cell: (m: Member) => (
                    <div className="flex flex-wrap gap-2">
                      <Button size="sm" variant="secondary" onClick={() => setEditing(m)}>
                        {t("action.edit")}
                        <span className="sr-only">：{memberName(m)}</span>
                      </Button>
                      <Button size="sm" variant="danger" onClick={() => setRemoving(m)}>
                        {t("bodies.remove")}
                        <span className="sr-only">：{memberName(m)}</span>
                      </Button>
                    </div>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && <EditMemberDialog bodyId={body.id} member={editing} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        open={!!removing}
        danger
        title={t("bodies.removeTitle")}
        message={t("bodies.removeConfirm", { name: removing ? memberName(removing) : "" })}
        confirmLabel={t("bodies.remove")}
        busy={remove.isPending}
        onClose={() => setRemoving(null)}
        onConfirm={() =>
          removing &&
          remove.mutate(removing.id, {
            onSuccess: () => toast.show(t("bodies.removed", { name: memberName(removing) })),
            onSettled: () => setRemoving(null),
          })
        }
      />
    </>
  );
}
