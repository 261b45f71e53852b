import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { FormError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { api } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";
import { fileUrl, type Survey, surveyKeys, uploadFiles, useSurveyMutation } from "./api.js";

/** The instructions' attachments (the Excel or PDF that used to travel by e-mail). */
export function AttachmentsEditor({ survey }: { survey: Survey }) {
  const { t } = useI18n();
  const id = useId();
  const qc = useQueryClient();
  const upload = useUploadAttachments(survey.id);
  const remove = useSurveyMutation((fileId: string) => api.delete<Survey>(`/surveys/${survey.id}/attachments/${fileId}`));
  return (
    <div className="flex flex-col gap-2">
      <p className="text-std-16B-170">{t("surveys.attachments")}</p>
      <ul className="flex flex-col gap-1">
        {survey.attachments.map((f) => (
          <li key={f.id} className="flex items-center gap-3">
            <a className="link" href={fileUrl(survey.id, f.id)}>
              {f.name}
            </a>
            {survey.abilities.canEdit && (
              <Button variant="text" size="sm" onClick={() => remove.mutate(f.id)}>
                {t("surveys.removeFile", { name: f.name })}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {survey.abilities.canEdit && (
        <div>
          <label htmlFor={id} className="text-dns-16N-130">
            {t("surveys.addAttachment")}
          </label>
          <input
            id={id}
            type="file"
            multiple
            className="mt-1 block text-dns-16N-130"
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = "";
              if (files.length) upload.mutate(files, { onSuccess: (s) => qc.setQueryData(surveyKeys.one(s.id), s) });
            }}
          />
        </div>
      )}
      <FormError error={upload.error ?? remove.error} />
    </div>
  );
}

function useUploadAttachments(surveyId: string) {
  return useMutation({
    mutationFn: (files: File[]) => uploadFiles<Survey>(`/surveys/${surveyId}/attachments`, files),
  });
}
