import { Controller, useFieldArray } from "react-hook-form";
import { useNavigate, useParams } from "react-router";
import { type NoticeDetail, noticeCategories, noticeCategoryLabels, noticeInput } from "../../../shared/api/notices.js";
import { Button } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { CheckboxField, SelectField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { RichTextField } from "../../components/rich-text-field.js";
import { useI18n } from "../../lib/i18n.js";
import { useBodies } from "../bodies/api.js";
import { type NoticeInput, useNotice, useSaveNotice } from "./api.js";

/** The fields as typed: "" for no body (the request sends null). */
type NoticeFields = Omit<NoticeInput, "bodyId" | "links"> & { bodyId: string; links: { title: string; url: string }[] };
const toInput = (v: NoticeFields) => ({ ...v, bodyId: v.bodyId || null });

function NoticeForm({ initial }: { initial?: NoticeDetail }) {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const bodies = useBodies();
  const save = useSaveNotice(initial?.id);
  const form = useZodForm<typeof noticeInput, NoticeFields>(noticeInput, {
    toInput,
    defaultValues: {
      category: initial?.category ?? "national",
      bodyId: initial?.body?.id ?? "",
      title: initial?.title ?? "",
      bodyMd: initial?.bodyMd ?? "",
      links: initial?.links ?? [],
      required: initial?.required ?? false,
    },
  });
  const links = useFieldArray({ control: form.control, name: "links" });
  return (
    <ZodForm
      form={form}
      onValid={(v) => save.mutate(v, { onSuccess: (n) => navigate(`/notices/${n.id}`) })}
      error={save.error}
      className="flex max-w-3xl flex-col gap-5"
    >
      <SelectField
        label={t("notices.category")}
        required
        {...form.field("category")}
        options={noticeCategories.map((c) => ({ value: c, label: label(noticeCategoryLabels, c) }))}
      />
      <SelectField
        label={t("notices.body")}
        hint={t("notices.bodyHint")}
        {...form.field("bodyId")}
        options={[
          { value: "", label: t("notices.bodyNone") },
          ...(bodies.data?.items ?? []).filter((b) => b.abilities.canManageMembers).map((b) => ({ value: b.id, label: b.name })),
        ]}
      />
      <TextField label={t("notices.subject")} required {...form.field("title")} />
      <Controller
        control={form.control}
        name="bodyMd"
        render={({ field, fieldState }) => (
          <RichTextField
            label={t("notices.bodyMd")}
            required
            rows={12}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={fieldState.error?.message}
          />
        )}
      />
      <fieldset className="flex flex-col gap-3">
        <legend className="text-std-16B-170">{t("notices.links")}</legend>
        {links.fields.map((l, i) => (
          <div key={l.id} className="grid grid-cols-1 items-end gap-3 sm:grid-cols-[1fr_2fr_auto]">
            <TextField label={t("notices.linkTitle")} {...form.field(`links.${i}.title`)} />
            <TextField label={t("notices.linkUrl")} type="url" {...form.field(`links.${i}.url`)} />
            <Button variant="text" onClick={() => links.remove(i)}>
              {t("notices.removeLink")}
            </Button>
          </div>
        ))}
        <div>
          <Button variant="secondary" size="sm" onClick={() => links.append({ title: "", url: "" }, { shouldFocus: true })}>
            {t("notices.addLink")}
          </Button>
        </div>
      </fieldset>
      <CheckboxField label={t("notices.requiredLabel")} {...form.field("required")} />
      <div className="flex gap-3">
        <Button type="submit" busy={save.isPending} busyLabel={t("state.saving")}>
          {t("action.save")}
        </Button>
        <Button variant="secondary" onClick={() => navigate(initial ? `/notices/${initial.id}` : "/notices")}>
          {t("action.cancel")}
        </Button>
      </div>
    </ZodForm>
  );
}

export function NoticeCreatePage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader
        title={t("notices.create")}
        breadcrumbs={[{ label: t("notices.title"), to: "/notices" }, { label: t("notices.create") }]}
      />
      <NoticeForm />
    </>
  );
}

export function NoticeEditPage() {
  const { t } = useI18n();
  const { id = "" } = useParams();
  const notice = useNotice(id);
  return (
    <QueryState query={notice}>
      {(n) => (
        <>
          <PageHeader
            title={t("notices.editTitle")}
            breadcrumbs={[
              { label: t("notices.title"), to: "/notices" },
              { label: n.title, to: `/notices/${n.id}` },
              { label: t("action.edit") },
            ]}
          />
          <NoticeForm initial={n} />
        </>
      )}
    </QueryState>
  );
}
