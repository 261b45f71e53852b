import { type FormEvent, useState } from "react";
import { Navigate, useNavigate } from "react-router";
import { roleLabels, roles } from "../../../shared/api/users.js";
import { useMe } from "../../app/session.js";
import { FormError, fieldError } from "../../components/alert.js";
import { Button, ButtonLink } from "../../components/button.js";
import { CheckboxField, SelectField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { useToast } from "../../components/toast.js";
import type { InviteInput } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { useOrgs } from "../orgs/api.js";
import { useInviteUser } from "./api.js";

type Role = InviteInput["role"];

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
  const [v, setV] = useState({
    email: "",
    name: "",
    role: (setRoles ? "" : "municipal") as Role | "",
    orgId: anyOrg ? "" : me.user.org.id,
    isOrgAdmin: false,
  });
  if (!me.abilities.manageUsers) return <Navigate to="/" replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate(v as InviteInput, {
      onSuccess: (u) => {
        toast.show(t("users.invited", { email: u.email }));
        navigate(`/users/${u.id}`);
      },
    });
  };
  const err = invite.error;

  return (
    <>
      <PageHeader
        title={t("users.invite")}
        description={t("users.inviteLead")}
        breadcrumbs={[{ label: t("users.title"), to: "/users" }, { label: t("users.invite") }]}
      />
      <form noValidate onSubmit={submit} className="flex max-w-2xl flex-col gap-5">
        <FormError error={err} fields={["email", "name", "role", "orgId", "isOrgAdmin"]} />
        <TextField
          label={t("users.name")}
          required
          autoComplete="off"
          value={v.name}
          onChange={(e) => setV({ ...v, name: e.target.value })}
          error={fieldError(err, "name")}
        />
        <TextField
          label={t("users.email")}
          type="email"
          required
          autoComplete="off"
          value={v.email}
          onChange={(e) => setV({ ...v, email: e.target.value })}
          error={fieldError(err, "email")}
        />
        {anyOrg && (
          <SelectField
            label={t("users.org")}
            required
            value={v.orgId}
            onChange={(e) => setV({ ...v, orgId: e.target.value })}
            options={[
              { value: "", label: t("form.select") },
              ...(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name })),
            ]}
            error={fieldError(err, "orgId")}
          />
        )}
        {setRoles && (
          <SelectField
            label={t("users.role")}
            required
            value={v.role}
            onChange={(e) => setV({ ...v, role: e.target.value as Role })}
            options={[{ value: "", label: t("form.select") }, ...roles.map((r) => ({ value: r, label: label(roleLabels, r) }))]}
            error={fieldError(err, "role")}
          />
        )}
        {!anyOrg && !setRoles && (
          <p>{t("users.inviteOwnOrg", { org: me.user.org.name, role: label(roleLabels, "municipal") })}</p>
        )}
        {setRoles && (
          <CheckboxField
            label={t("users.makeOrgAdmin")}
            hint={t("users.orgAdminHint")}
            checked={v.isOrgAdmin}
            onChange={(e) => setV({ ...v, isOrgAdmin: e.target.checked })}
            error={fieldError(err, "isOrgAdmin")}
          />
        )}
        <div className="flex flex-wrap gap-3">
          <Button type="submit" busy={invite.isPending}>
            {t("users.sendInvite")}
          </Button>
          <ButtonLink to="/users">{t("action.cancel")}</ButtonLink>
        </div>
      </form>
    </>
  );
}
