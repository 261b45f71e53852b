import { useParams } from "react-router";
import { roleLabels } from "../../../shared/api/users.js";
import { Alert, FormError } from "../../components/alert.js";
import { Badge } from "../../components/badge.js";
import { Button } from "../../components/button.js";
import { DescriptionList } from "../../components/description-list.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { formatDate } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { statusLabels, useUnlockUser, useUser } from "./api.js";
import { ContactForm } from "./contact-form.js";
import { UserEditForm } from "./user-edit-form.js";

export function UserDetailPage() {
  const { t, label, locale } = useI18n();
  const { id = "" } = useParams();
  const user = useUser(id);
  const unlock = useUnlockUser(id);
  const toast = useToast();
  return (
    <QueryState query={user}>
      {(u) => (
        <>
          <PageHeader title={u.name} breadcrumbs={[{ label: t("users.title"), to: "/users" }, { label: u.name }]} />
          {u.locked && (
            <Alert tone="warning" className="mb-6" title={t("users.lockedTitle")}>
              {u.abilities.canUnlock && (
                <>
                  <FormError error={unlock.error} />
                  <Button
                    variant="secondary"
                    size="sm"
                    className="mt-2"
                    busy={unlock.isPending}
                    onClick={() => unlock.mutate(undefined, { onSuccess: () => toast.show(t("users.unlocked")) })}
                  >
                    {t("users.unlock")}
                  </Button>
                </>
              )}
            </Alert>
          )}
          <DescriptionList
            items={[
              { key: "email", term: t("users.email"), value: <span className="break-all">{u.email}</span> },
              { key: "org", term: t("users.org"), value: u.org.name },
              { key: "department", term: t("contacts.department"), value: u.department },
              { key: "title", term: t("contacts.title"), value: u.title },
              {
                key: "role",
                term: t("users.role"),
                value: (
                  <span className="flex flex-wrap gap-2">
                    {label(roleLabels, u.role)}
                    {u.isOrgAdmin && <Badge tone="blue">{t("users.orgAdmin")}</Badge>}
                  </span>
                ),
              },
              { key: "status", term: t("users.status"), value: label(statusLabels, u.status) },
              { key: "tfa", term: t("users.twoFactor"), value: u.twoFactorEnabled ? t("users.on") : t("users.off") },
              { key: "created", term: t("users.created"), value: formatDate(u.createdAt, locale) },
            ]}
          />
          {u.abilities.canEditContact && <ContactForm key={`contact:${u.id}`} user={u} />}
          {u.abilities.canEdit && <UserEditForm key={`${u.id}:${u.status}:${u.role}`} user={u} />}
        </>
      )}
    </QueryState>
  );
}
