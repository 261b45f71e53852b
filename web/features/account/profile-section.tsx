import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { roleLabels } from "../../../shared/api/users.js";
import { useSetMe } from "../../app/session.js";
import { FormError, fieldError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { Card } from "../../components/card.js";
import { DescriptionList } from "../../components/description-list.js";
import { TextField } from "../../components/form-field.js";
import { useToast } from "../../components/toast.js";
import { api } from "../../lib/api.js";
import type { Me } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";

export function ProfileSection({ me }: { me: Me }) {
  const { t, label } = useI18n();
  const setMe = useSetMe();
  const toast = useToast();
  const [name, setName] = useState(me.user.name);
  const save = useMutation({
    mutationFn: () => api.patch<Me>("/me", { name }),
    onSuccess: (next) => {
      setMe(next);
      toast.show(t("state.saved"));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Card id="account-profile" title={t("account.profile")}>
      <DescriptionList
        items={[
          { key: "email", term: t("users.email"), value: <span className="break-all">{me.user.email}</span> },
          { key: "org", term: t("users.org"), value: me.user.org.name },
          { key: "role", term: t("users.role"), value: label(roleLabels, me.user.role) },
        ]}
      />
      <form noValidate onSubmit={submit} className="flex flex-col gap-4">
        <FormError error={save.error} fields={["name"]} />
        <TextField
          label={t("users.name")}
          required
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldError(save.error, "name")}
        />
        <div>
          <Button type="submit" busy={save.isPending}>
            {t("account.saveName")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
