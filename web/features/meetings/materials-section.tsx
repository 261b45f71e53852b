import { useRef } from "react";
import { z } from "zod";
import { materialFileMessage, materialUpload } from "../../../shared/api/meetings.js";
import { FormError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { SelectField, TextField } from "../../components/form-field.js";
import { useToast } from "../../components/toast.js";
import { fileSize } from "../../lib/files.js";
import { useI18n } from "../../lib/i18n.js";
import { api, type MeetingDetail, useMeetingMutation } from "./api.js";
import { MaterialActions } from "./material-actions.js";

/** The upload's fields as the server reads them, plus at least one file. */
const uploadForm = materialUpload.extend({
  file: z.custom<FileList>((v) => v instanceof FileList && v.length > 0, { error: materialFileMessage }),
});
interface UploadFields {
  agendaItemId: string;
  title: string;
  file: FileList | null;
}

function UploadForm({ m }: { m: MeetingDetail }) {
  const { t } = useI18n();
  const toast = useToast();
  const items = m.agenda.filter((a) => a.abilities.canUpload && (a.status === "accepted" || a.status === "proposed"));
  const form = useZodForm<typeof uploadForm, UploadFields>(uploadForm, {
    defaultValues: { agendaItemId: m.abilities.canUpload ? "" : (items[0]?.id ?? ""), title: "", file: null },
  });
  const upload = useMeetingMutation(m.id, (data: FormData) => api.postForm<MeetingDetail>(`/meetings/${m.id}/materials`, data));
  if (!m.abilities.canUpload && items.length === 0) return null;
  // The multipart body carries the fields as typed; the server parses them with the same schema.
  const submit = () => {
    const { agendaItemId, title, file } = form.getValues();
    const data = new FormData();
    if (agendaItemId) data.append("agendaItemId", agendaItemId);
    data.append("title", title);
    for (const f of file ?? []) data.append("file", f);
    upload.mutate(data, {
      onSuccess: () => {
        toast.show(t("materials.uploaded"));
        form.setValue("title", "");
        form.setValue("file", null);
      },
    });
  };
  return (
    <section aria-labelledby="upload-heading" className="flex flex-col gap-3 rounded-8 border border-solid-gray-300 p-4">
      <h3 id="upload-heading" className="text-std-18B-160">
        {t("materials.upload")}
      </h3>
      <ZodForm form={form} onValid={submit} error={upload.error} className="flex max-w-2xl flex-col gap-4">
        <SelectField
          label={t("materials.item")}
          {...form.field("agendaItemId")}
          options={[
            ...(m.abilities.canUpload ? [{ value: "", label: t("materials.meetingWide") }] : []),
            ...items.map((a) => ({
              value: a.id,
              label: a.number ? `${t("agenda.number", { n: a.number })} ${a.title}` : a.title,
            })),
          ]}
        />
        <TextField label={t("materials.materialTitle")} {...form.field("title")} />
        <TextField label={t("materials.file")} hint={t("materials.fileHint")} type="file" multiple {...form.field("file")} />
        <div>
          <Button type="submit" busy={upload.isPending} busyLabel={t("state.saving")}>
            {t("materials.upload")}
          </Button>
        </div>
      </ZodForm>
    </section>
  );
}

function ReplaceButton({ m, materialId, title }: { m: MeetingDetail; materialId: string; title: string }) {
  const { t } = useI18n();
  const toast = useToast();
  const input = useRef<HTMLInputElement>(null);
  const replace = useMeetingMutation(m.id, (form: FormData) =>
    api.postForm<MeetingDetail>(`/meetings/${m.id}/materials/${materialId}/versions`, form),
  );
  return (
    <>
      <input
        ref={input}
        type="file"
        className="sr-only"
        tabIndex={-1}
        aria-label={`${t("materials.replace")}：${title}`}
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (!f) return;
          const form = new FormData();
          form.append("file", f);
          replace.mutate(form, {
            onSuccess: (d) =>
              toast.show(t("materials.replaced", { n: d.materials.find((x) => x.id === materialId)?.version ?? "" })),
          });
        }}
      />
      <Button
        size="sm"
        variant="secondary"
        busy={replace.isPending}
        onClick={() => input.current?.click()}
        aria-label={`${t("materials.replace")}：${title}`}
      >
        {t("materials.replace")}
      </Button>
      {replace.error ? <FormError error={replace.error} /> : null}
    </>
  );
}

export function MaterialsSection({ m }: { m: MeetingDetail }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="materials-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="materials-heading" className="text-std-24B-150">
          {t("materials.title")}
        </h2>
        {m.materials.length > 0 && (
          <div className="flex flex-wrap gap-3">
            <a className="link" href={`/api/meetings/${m.id}/pack.pdf`} download>
              {t("meetings.pack")}
            </a>
            <a className="link" href={`/api/meetings/${m.id}/materials.zip`} download>
              {t("meetings.zip")}
            </a>
          </div>
        )}
      </div>
      {m.materials.length === 0 ? (
        <p>{t("materials.empty")}</p>
      ) : (
        <ul className="flex flex-col divide-y divide-solid-gray-200">
          {m.materials.map((x, i) => (
            <li key={x.id} className="flex flex-wrap items-center gap-3 py-2">
              <span className="text-std-16B-170">{x.label}</span>
              <a className="link" href={`/api/meetings/${m.id}/materials/${x.id}/file`} download>
                {x.title}
              </a>
              <span className="text-dns-14N-130">
                {x.fileName}・{fileSize(x.size)}・{t("materials.version", { n: x.version })}
              </span>
              {x.versions.length > 1 && (
                <details>
                  <summary className="cursor-pointer text-dns-14N-130">{t("materials.versions")}</summary>
                  <ul>
                    {x.versions.slice(0, -1).map((v) => (
                      <li key={v.version}>
                        <a className="link" href={`/api/meetings/${m.id}/materials/${x.id}/file?version=${v.version}`} download>
                          {t("materials.version", { n: v.version })} {v.fileName}
                        </a>
                      </li>
                    ))}
                  </ul>
                </details>
              )}
              {x.abilities.canReplace && <ReplaceButton m={m} materialId={x.id} title={x.title} />}
              <MaterialActions m={m} x={x} index={i} />
            </li>
          ))}
        </ul>
      )}
      <UploadForm m={m} />
    </section>
  );
}
