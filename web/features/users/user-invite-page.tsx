import { Navigate, useNavigate } from "react-router";
import { inviteInput, roleLabels, roles } from "../../../shared/api/users.js";
import { useMe } from "../../app/session.js";
import { Button, ButtonLink } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { CheckboxField, SelectField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { useToast } from "../../components/toast.js";
import { useI18n } from "../../lib/i18n.js";
import { useOrgs } from "../orgs/api.js";
import { useInviteUser } from "./api.js";

/** Invites a colleague: the server e-mails a link to /invitation/:token. Org admins invite their own staff only. */
export function UserInvitePage() {
  const { t, label } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const toast = useToast();
  const invite = useInviteUser();
  // What the server allows this inviter; without them, the invitee joins the inviter's organisation as municipal staff.
  const anyOrg = !!me.abilities.inviteToAnyOrg;
  const setRoles = !!me.abilities.setRoles;
  const orgs = useOrgs();
  const form = useZodForm(inviteInput, {
    defaultValues: {
      email: "",
      name: "",
      role: setRoles ? "" : "municipal",
      orgId: anyOrg ? "" : me.user.org.id,
      isOrgAdmin: false,
    },
  });
  if (!me.abilities.manageUsers) return <Navigate to="/" replace />;

  return (
    <>
      <PageHeader
        title={t("users.invite")}
        description={t("users.inviteLead")}
        breadcrumbs={[{ label: t("users.title"), to: "/users" }, { label: t("users.invite") }]}
      />
      <ZodForm
        form={form}
        onValid={(v) =>
          invite.mutate(v, {
            onSuccess: (u) => {
              toast.show(t("users.invited", { email: u.email }));
              navigate(`/users/${u.id}`);
            },
          })
        }
        error={invite.error}
        className="flex max-w-2xl flex-col gap-5"
      >
        <TextField label={t("users.name")} required autoComplete="off" {...form.field("name")} />
        <TextField label={t("users.email")} type="email" required autoComplete="off" {...form.field("email")} />
        {anyOrg && (
          <SelectField
            label={t("users.org")}
            required
            {...form.field("orgId")}
            options={[
              { value: "", label: t("form.select") },
              ...(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name })),
            ]}
          />
        )}
        {setRoles && (
          <SelectField
            label={t("users.role")}
            required
            {...form.field("role")}
            options={[{ value: "", label: t("form.select") }, ...roles.map((r) => ({ value: r, label: label(roleLabels, r) }))]}
          />
        )}
        {!anyOrg && !setRoles && (
          <p>{t("users.inviteOwnOrg", { org: me.user.org.name, role: label(roleLabels, "municipal") })}</p>
        )}
        {setRoles && (
          <CheckboxField label={t("users.makeOrgAdmin")} hint={t("users.orgAdminHint")} {...form.field("isOrgAdmin")} />
        )}
        <div className="flex flex-wrap gap-3">
          <Button type="submit" busy={invite.isPending}>
            {t("users.sendInvite")}
          </Button>
          <ButtonLink to="/users">{t("action.cancel")}</ButtonLink>
        </div>
      </ZodForm>
    </>
  );
}
