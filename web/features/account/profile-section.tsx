import { useMutation } from "@tanstack/react-query";
import { mePatch } from "../../../shared/api/auth.js";
import { roleLabels } from "../../../shared/api/users.js";
import { useSetMe } from "../../app/session.js";
import { Button } from "../../components/button.js";
import { Card } from "../../components/card.js";
import { DescriptionList } from "../../components/description-list.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { TextField } from "../../components/form-field.js";
import { useToast } from "../../components/toast.js";
import { api } from "../../lib/api.js";
import type { Me } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";

export function ProfileSection({ me }: { me: Me }) {
  const { t, label } = useI18n();
  const setMe = useSetMe();
  const toast = useToast();
  const form = useZodForm(mePatch, { defaultValues: { name: me.user.name } });
  const save = useMutation({
    mutationFn: (patch: { name?: string }) => api.patch<Me>("/me", patch),
    onSuccess: (next) => {
      setMe(next);
      toast.show(t("state.saved"));
    },
  });
  return (
    <Card id="account-profile" title={t("account.profile")}>
      <DescriptionList
        items={[
          { key: "email", term: t("users.email"), value: <span className="break-all">{me.user.email}</span> },
          { key: "org", term: t("users.org"), value: me.user.org.name },
          { key: "role", term: t("users.role"), value: label(roleLabels, me.user.role) },
        ]}
      />
      <ZodForm
        form={form}
        error={save.error}
        aria-label={t("account.profile")}
        onValid={(patch) => save.mutate(patch)}
        className="flex flex-col gap-4"
      >
        <TextField label={t("users.name")} required autoComplete="name" {...form.field("name")} />
        <div>
          <Button type="submit" busy={save.isPending}>
            {t("account.saveName")}
          </Button>
        </div>
      </ZodForm>
    </Card>
  );
}
