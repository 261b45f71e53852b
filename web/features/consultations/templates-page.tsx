import { useState } from "react";
import { templateInput } from "../../../shared/api/consultations.js";
import { Button } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { TextAreaField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { useI18n } from "../../lib/i18n.js";
import { type Template, useDeleteTemplate, useSaveTemplate, useTemplates } from "./api.js";

type TemplateFields = { title: string; body: string; category: Template["category"] };

function TemplateForm({ initial, onDone }: { initial?: Template; onDone: () => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const save = useSaveTemplate();
  const empty: TemplateFields = { title: "", body: "", category: initial?.category ?? null };
  const form = useZodForm<typeof templateInput, TemplateFields>(templateInput, {
    defaultValues: initial ? { title: initial.title, body: initial.body, category: initial.category } : empty,
  });
  return (
    <ZodForm
      form={form}
      error={save.error}
      aria-label={initial ? t("action.edit") : t("desk.templates.new")}
      onValid={(input) =>
        save.mutate(
          { id: initial?.id, input },
          {
            onSuccess: () => {
              toast.show(t("desk.templates.saved"), "success");
              if (!initial) form.reset(empty);
              onDone();
            },
          },
        )
      }
      className="flex flex-col gap-3"
    >
      <TextField label={t("desk.templates.name")} required {...form.field("title")} />
      <TextAreaField label={t("desk.templates.body")} required {...form.field("body")} />
      <div>
        <Button type="submit" size="sm" busy={save.isPending}>
          {t("action.save")}
        </Button>
      </div>
    </ZodForm>
  );
}

/** Reusable replies of the desk (prefecture staff only). */
export function TemplatesPage() {
  const { t } = useI18n();
  const toast = useToast();
  const templates = useTemplates();
  const remove = useDeleteTemplate();
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <>
      <PageHeader
        title={t("desk.templates.title")}
        description={t("desk.templates.lead")}
        breadcrumbs={[{ label: t("desk.title"), to: "/consultations" }, { label: t("desk.templates.title") }]}
      />
      <div className="grid gap-8 lg:grid-cols-2">
        <QueryState query={templates}>
          {(data) =>
            data.items.length === 0 ? (
              <p>{t("desk.templates.empty")}</p>
            ) : (
              <ul className="flex flex-col gap-4">
                {data.items.map((tpl) => (
                  <li key={tpl.id} className="rounded-8 border border-solid-gray-300 p-4">
                    {editing === tpl.id ? (
                      <TemplateForm initial={tpl} onDone={() => setEditing(null)} />
                    ) : (
                      <>
                        <h2 className="text-std-18B-160">{tpl.title}</h2>
                        <p className="whitespace-pre-wrap">{tpl.body}</p>
                        <div className="mt-2 flex gap-2">
                          <Button size="sm" variant="secondary" onClick={() => setEditing(tpl.id)}>
                            {t("action.edit")}
                          </Button>
                          <Button
                            size="sm"
                            variant="danger"
                            onClick={() =>
                              remove.mutate(tpl.id, { onSuccess: () => toast.show(t("desk.templates.deleted"), "success") })
                            }
                          >
                            {t("action.delete")}
                          </Button>
                        </div>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
        <section aria-labelledby="tpl-new" className="rounded-8 border border-solid-gray-300 bg-solid-gray-50 p-4">
          <h2 id="tpl-new" className="mb-3 text-std-18B-160">
            {t("desk.templates.new")}
          </h2>
          <TemplateForm onDone={() => undefined} />
        </section>
      </div>
    </>
  );
}
