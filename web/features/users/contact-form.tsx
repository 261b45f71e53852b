import { personContact } from "../../../shared/api/users.js";
import { Button } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { TextField } from "../../components/form-field.js";
import { useToast } from "../../components/toast.js";
import type { User } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { useUpdateContact } from "./api.js";
import "./messages.js";

/** A person's 所属・役職, checked by the same schema as the server: on the user's page and in account settings. */
export function ContactForm({ user, own = false, className = "mt-8" }: { user: User; own?: boolean; className?: string }) {
  const { t } = useI18n();
  const toast = useToast();
  const save = useUpdateContact(user.id);
  const form = useZodForm(personContact, { defaultValues: { department: user.department, title: user.title } });
  return (
    <section aria-labelledby="user-contact" className={className}>
      <h2 id="user-contact" className="mb-2 text-std-22B-150">
        {t("contacts.heading")}
      </h2>
      <p className="mb-4 text-dns-16N-130">{t(own ? "contacts.ownHint" : "contacts.hint")}</p>
      <ZodForm
        form={form}
        error={save.error}
        aria-labelledby="user-contact"
        onValid={(input) => save.mutate(input, { onSuccess: () => toast.show(t("state.saved")) })}
        className="flex max-w-2xl flex-col gap-5"
      >
        <TextField label={t("contacts.department")} {...form.field("department")} />
        <TextField label={t("contacts.title")} autoComplete="organization-title" {...form.field("title")} />
        <div>
          <Button type="submit" busy={save.isPending} busyLabel={t("state.saving")}>
            {t("contacts.save")}
          </Button>
        </div>
      </ZodForm>
    </section>
  );
}
