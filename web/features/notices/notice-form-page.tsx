import { type FormEvent, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { type NoticeDetail, noticeCategories, noticeCategoryLabels } from "../../../shared/api/notices.js";
import { FormError, fieldError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { CheckboxField, SelectField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { RichTextField } from "../../components/rich-text-field.js";
import { useI18n } from "../../lib/i18n.js";
import { useBodies } from "../bodies/api.js";
import { type NoticeInput, useNotice, useSaveNotice } from "./api.js";

function NoticeForm({ initial }: { initial?: NoticeDetail }) {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const bodies = useBodies();
  const save = useSaveNotice(initial?.id);
  const [v, setV] = useState<NoticeInput>({
    category: initial?.category ?? "national",
    bodyId: initial?.body?.id ?? null,
    title: initial?.title ?? "",
    bodyMd: initial?.bodyMd ?? "",
    links: initial?.links ?? [],
    required: initial?.required ?? false,
  });
  const set = (patch: Partial<NoticeInput>) => setV((old) => ({ ...old, ...patch }));
  const links = v.links ?? [];
  const setLink = (i: number, patch: Partial<{ title: string; url: string }>) =>
    set({ links: links.map((l, j) => (j === i ? { ...l, ...patch } : l)) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(v, { onSuccess: (n) => navigate(`/notices/${n.id}`) });
  };
  const err = (path: string) => fieldError(save.error, path);
  return (
    <form noValidate onSubmit={submit} className="flex max-w-3xl flex-col gap-5">
      <FormError error={save.error} fields={["category", "bodyId", "title", "bodyMd", "required"]} />
      <SelectField
        label={t("notices.category")}
        required
        value={v.category}
        onChange={(e) => set({ category: e.target.value as NoticeInput["category"] })}
        options={noticeCategories.map((c) => ({ value: c, label: label(noticeCategoryLabels, c) }))}
        error={err("category")}
      />
      <SelectField
        label={t("notices.body")}
        hint={t("notices.bodyHint")}
        value={v.bodyId ?? ""}
        onChange={(e) => set({ bodyId: e.target.value || null })}
        options={[
          { value: "", label: t("notices.bodyNone") },
          ...(bodies.data?.items ?? []).filter((b) => b.abilities.canManageMembers).map((b) => ({ value: b.id, label: b.name })),
        ]}
        error={err("bodyId")}
      />
      <TextField
        label={t("notices.subject")}
        required
        value={v.title}
        onChange={(e) => set({ title: e.target.value })}
        error={err("title")}
      />
      <RichTextField
        label={t("notices.bodyMd")}
        required
        rows={12}
        value={v.bodyMd}
        onChange={(bodyMd) => set({ bodyMd })}
        error={err("bodyMd")}
      />
      <fieldset className="flex flex-col gap-3">
        <legend className="text-std-16B-170">{t("notices.links")}</legend>
        {links.map((l, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id until saved; order is stable while editing.
          <div key={i} className="grid grid-cols-1 items-end gap-3 sm:grid-cols-[1fr_2fr_auto]">
            <TextField
              label={t("notices.linkTitle")}
              value={l.title}
              onChange={(e) => setLink(i, { title: e.target.value })}
              error={err(`links.${i}.title`)}
            />
            <TextField
              label={t("notices.linkUrl")}
              type="url"
              value={l.url}
              onChange={(e) => setLink(i, { url: e.target.value })}
              error={err(`links.${i}.url`)}
            />
            <Button variant="text" onClick={() => set({ links: links.filter((_, j) => j !== i) })}>
              {t("notices.removeLink")}
            </Button>
          </div>
        ))}
        <div>
          <Button variant="secondary" size="sm" onClick={() => set({ links: [...links, { title: "", url: "" }] })}>
            {t("notices.addLink")}
          </Button>
        </div>
      </fieldset>
      <CheckboxField
        label={t("notices.requiredLabel")}
        checked={!!v.required}
        onChange={(e) => set({ required: e.target.checked })}
      />
      <div className="flex gap-3">
        <Button type="submit" busy={save.isPending} busyLabel={t("state.saving")}>
          {t("action.save")}
        </Button>
        <Button variant="secondary" onClick={() => navigate(initial ? `/notices/${initial.id}` : "/notices")}>
          {t("action.cancel")}
        </Button>
      </div>
    </form>
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
