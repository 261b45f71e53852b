import { type FormEvent, useState } from "react";
import { FormError, fieldError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { SelectField, TextAreaField, TextField } from "../../components/form-field.js";
import { RadioGroup } from "../../components/radio-group.js";
import { useToast } from "../../components/toast.js";
import { useI18n } from "../../lib/i18n.js";
import { type ConsultationDetail, usePostMessage, useTemplates } from "./api.js";

/** Reply (or, for staff, an internal note), with files; staff may ask back or resolve in the same step. */
export function ReplyForm({ c }: { c: ConsultationDetail }) {
  const { t } = useI18n();
  const toast = useToast();
  const post = usePostMessage(c.id);
  const templates = useTemplates(c.abilities.canNote);
  const [kind, setKind] = useState<"reply" | "note">("reply");
  const [body, setBody] = useState("");
  const [status, setStatus] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [fileKey, setFileKey] = useState(0);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const form = new FormData();
    form.append("kind", kind);
    form.append("body", body);
    if (status && kind === "reply") form.append("status", status);
    for (const f of files) form.append("files", f, f.name);
    post.mutate(form, {
      onSuccess: () => {
        setBody("");
        setStatus("");
        setFiles([]);
        setFileKey((k) => k + 1);
        toast.show(t("desk.reply.sent"), "success");
      },
    });
  };

  return (
    <form
      noValidate
      onSubmit={submit}
      aria-labelledby="reply-title"
      className="flex flex-col gap-4 rounded-8 border border-solid-gray-300 p-4"
    >
      <h2 id="reply-title" className="text-std-20B-150">
        {t("desk.reply.title")}
      </h2>
      <FormError error={post.error} fields={["body"]} />
      {c.abilities.canNote && (
        <RadioGroup
          legend={t("desk.reply.kind")}
          name="kind"
          inline
          value={kind}
          onChange={setKind}
          options={[
            { value: "reply", label: t("desk.reply.kindReply") },
            { value: "note", label: t("desk.reply.kindNote") },
          ]}
        />
      )}
      {c.abilities.canNote && (templates.data?.items.length ?? 0) > 0 && (
        <SelectField
          label={t("desk.reply.template")}
          value=""
          onChange={(e) => {
            const tpl = templates.data?.items.find((x) => x.id === e.target.value);
            if (tpl) setBody((b) => (b ? `${b}\n\n${tpl.body}` : tpl.body));
          }}
          options={[
            { value: "", label: t("form.select") },
            ...(templates.data?.items ?? []).map((x) => ({ value: x.id, label: x.title })),
          ]}
        />
      )}
      <TextAreaField
        label={t("desk.reply.body")}
        required
        rows={6}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        error={fieldError(post.error, "body")}
      />
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
          value={status}
          onChange={(e) => setStatus(e.target.value)}
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
    </form>
  );
}
