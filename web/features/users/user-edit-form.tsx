import { roleLabels, roles, userPatch } from "../../../shared/api/users.js";
import { Button } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { CheckboxField, SelectField, TextField } from "../../components/form-field.js";
import { useToast } from "../../components/toast.js";
import type { User, UserPatch } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { statusLabels, useUpdateUser } from "./api.js";

interface UserFields {
  name: string;
  role: User["role"];
  isOrgAdmin: boolean;
  status: User["status"];
}

/** Name, role (admins only), org-admin flag and enabled/disabled, as the user's abilities allow. */
export function UserEditForm({ user }: { user: User }) {
  const { t, label } = useI18n();
  const toast = useToast();
  const update = useUpdateUser(user.id);
  // The patch sends the name and only what changed and may be changed.
  const toInput = (v: UserFields): UserPatch => {
    const patch: UserPatch = { name: v.name };
    if (user.abilities.canChangeRole && v.role !== user.role) patch.role = v.role;
    if (user.abilities.canChangeRole && v.isOrgAdmin !== user.isOrgAdmin) patch.isOrgAdmin = v.isOrgAdmin;
    if (v.status !== user.status && v.status !== "invited") patch.status = v.status;
    return patch;
  };
  const form = useZodForm<typeof userPatch, UserFields>(userPatch, {
    toInput,
    defaultValues: { name: user.name, role: user.role, isOrgAdmin: user.isOrgAdmin, status: user.status },
  });

  return (
    <section aria-labelledby="user-edit" className="mt-8">
      <h2 id="user-edit" className="mb-4 text-std-22B-150">
        {t("users.edit")}
      </h2>
      <ZodForm
        form={form}
        error={update.error}
        onValid={(patch) => update.mutate(patch, { onSuccess: () => toast.show(t("state.saved")) })}
        className="flex max-w-2xl flex-col gap-5"
      >
        <TextField label={t("users.name")} required {...form.field("name")} />
        {user.abilities.canChangeRole && (
          <SelectField
            label={t("users.role")}
            {...form.field("role")}
            options={roles.map((r) => ({ value: r, label: label(roleLabels, r) }))}
          />
        )}
        {user.status === "invited" ? (
          <p>{t("users.stillInvited")}</p>
        ) : (
          <SelectField
            label={t("users.status")}
            {...form.field("status")}
            options={(["active", "disabled"] as const).map((s) => ({ value: s, label: label(statusLabels, s) }))}
            hint={t("users.disableHint")}
          />
        )}
        {user.abilities.canChangeRole && (
          <CheckboxField label={t("users.makeOrgAdmin")} hint={t("users.orgAdminHint")} {...form.field("isOrgAdmin")} />
        )}
        <div>
          <Button type="submit" busy={update.isPending} busyLabel={t("state.saving")}>
            {t("action.save")}
          </Button>
        </div>
      </ZodForm>
    </section>
  );
}
