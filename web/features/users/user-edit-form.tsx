import { type FormEvent, useState } from "react";
import { roleLabels, roles } from "../../../shared/api/users.js";
import { FormError, fieldError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { CheckboxField, SelectField, TextField } from "../../components/form-field.js";
import { useToast } from "../../components/toast.js";
import type { User, UserPatch } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { statusLabels, useUpdateUser } from "./api.js";

/** Name, role (admins only), org-admin flag and enabled/disabled, as the user's abilities allow. */
export function UserEditForm({ user }: { user: User }) {
  const { t, label } = useI18n();
  const toast = useToast();
  const update = useUpdateUser(user.id);
  const [v, setV] = useState({ name: user.name, role: user.role, isOrgAdmin: user.isOrgAdmin, status: user.status });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const patch: UserPatch = { name: v.name };
    if (user.abilities.canChangeRole && v.role !== user.role) patch.role = v.role;
    if (user.abilities.canChangeRole && v.isOrgAdmin !== user.isOrgAdmin) patch.isOrgAdmin = v.isOrgAdmin;
    if (v.status !== user.status && v.status !== "invited") patch.status = v.status;
    update.mutate(patch, { onSuccess: () => toast.show(t("state.saved")) });
  };
  const err = update.error;

  return (
    <section aria-labelledby="user-edit" className="mt-8">
      <h2 id="user-edit" className="mb-4 text-std-22B-150">
        {t("users.edit")}
      </h2>
      <form noValidate onSubmit={submit} className="flex max-w-2xl flex-col gap-5">
        <FormError error={err} fields={["name", "role", "isOrgAdmin", "status"]} />
        <TextField
          label={t("users.name")}
          required
          value={v.name}
          onChange={(e) => setV({ ...v, name: e.target.value })}
          error={fieldError(err, "name")}
        />
        {user.abilities.canChangeRole && (
          <SelectField
            label={t("users.role")}
            value={v.role}
            onChange={(e) => setV({ ...v, role: e.target.value as User["role"] })}
            options={roles.map((r) => ({ value: r, label: label(roleLabels, r) }))}
            error={fieldError(err, "role")}
          />
        )}
        {user.status === "invited" ? (
          <p>{t("users.stillInvited")}</p>
        ) : (
          <SelectField
            label={t("users.status")}
            value={v.status}
            onChange={(e) => setV({ ...v, status: e.target.value as User["status"] })}
            options={(["active", "disabled"] as const).map((s) => ({ value: s, label: label(statusLabels, s) }))}
            hint={t("users.disableHint")}
            error={fieldError(err, "status")}
          />
        )}
        {user.abilities.canChangeRole && (
          <CheckboxField
            label={t("users.makeOrgAdmin")}
            hint={t("users.orgAdminHint")}
            checked={v.isOrgAdmin}
            onChange={(e) => setV({ ...v, isOrgAdmin: e.target.checked })}
            error={fieldError(err, "isOrgAdmin")}
          />
        )}
        <div>
          <Button type="submit" busy={update.isPending} busyLabel={t("state.saving")}>
            {t("action.save")}
          </Button>
        </div>
      </form>
    </section>
  );
}
