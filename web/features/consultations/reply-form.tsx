import { useState } from "react";
import { Controller } from "react-hook-form";
import { z } from "zod";
import { messageInput } from "../../../shared/api/consultations.js";
import { Button } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { SelectField, TextAreaField, TextField } from "../../components/form-field.js";
import { RadioGroup } from "../../components/radio-group.js";
import { useToast } from "../../components/toast.js";
import { useI18n } from "../../lib/i18n.js";
import { type ConsultationDetail, usePostMessage, useTemplates } from "./api.js";

/** The message schema; "" in the status select keeps the status (the field is not sent). */
const replyForm = messageInput.extend({ status: z.union([messageInput.shape.status, z.literal("")]) });

/** Reply (or, for staff, an internal note), with files; staff may ask back or resolve in the same step. */
export function ReplyForm({ c }: { c: ConsultationDetail }) {
  const { t } = useI18n();
  const toast = useToast();
  const post = usePostMessage(c.id);
  const templates = useTemplates(c.abilities.canNote);
  const form = useZodForm(replyForm, { defaultValues: { kind: "reply", body: "", status: "" } });
  const kind = form.watch("kind");
  const [files, setFiles] = useState<File[]>([]);
  const [fileKey, setFileKey] = useState(0);

  const submit = (values: z.output<typeof replyForm>) => {
    const data = new FormData();
    data.append("kind", values.kind);
    data.append("body", values.body);
    if (values.status && values.kind === "reply") data.append("status", values.status);
    for (const f of files) data.append("files", f, f.name);
    post.mutate(data, {
      onSuccess: () => {
        form.reset({ kind: values.kind, body: "", status: "" });
        setFiles([]);
        setFileKey((k) => k + 1);
        toast.show(t("desk.reply.sent"), "success");
      },
    });
  };

  return (
    <ZodForm
      form={form}
      onValid={submit}
      error={post.error}
      aria-labelledby="reply-title"
      className="flex flex-col gap-4 rounded-8 border border-solid-gray-300 p-4"
    >
      <h2 id="reply-title" className="text-std-20B-150">
        {t("desk.reply.title")}
      </h2>
      {c.abilities.canNote && (
        <Controller
          control={form.control}
          name="kind"
          render={({ field }) => (
            <RadioGroup
              legend={t("desk.reply.kind")}
              name={field.name}
              inline
              value={field.value ?? "reply"}
              onChange={field.onChange}
              options={[
                { value: "reply", label: t("desk.reply.kindReply") },
                { value: "note", label: t("desk.reply.kindNote") },
              ]}
            />
          )}
        />
      )}
      {c.abilities.canNote && (templates.data?.items.length ?? 0) > 0 && (
        <SelectField
          label={t("desk.reply.template")}
          value=""
          onChange={(e) => {
            const tpl = templates.data?.items.find((x) => x.id === e.target.value);
            if (!tpl) return;
            const b = form.getValues("body");
            form.setValue("body", b ? `${b}\n\n${tpl.body}` : tpl.body, { shouldValidate: form.formState.isSubmitted });
          }}
          options={[
            { value: "", label: t("form.select") },
            ...(templates.data?.items ?? []).map((x) => ({ value: x.id, label: x.title })),
          ]}
        />
      )}
      <TextAreaField label={t("desk.reply.body")} required rows={6} {...form.field("body")} />
      <TextField
        key={fileKey}
        label={t("desk.form.files")}
        type="file"
        multiple
        onChange={(e) => setFiles([...(e.target.files ?? [])])}
      />
      {c.abilities.canChangeStatus && kind === "reply" && (
        <SelectField
          label={t("desk.reply.after")}
          {...form.field("status")}
          options={[
            { value: "", label: t("desk.reply.keep") },
            { value: "waiting", label: t("desk.reply.waiting") },
            { value: "resolved", label: t("desk.reply.resolved") },
          ]}
        />
      )}
      <div>
        <Button type="submit" busy={post.isPending} busyLabel={t("state.saving")}>
          {t("desk.reply.send")}
        </Button>
      </div>
    </ZodForm>
  );
}
