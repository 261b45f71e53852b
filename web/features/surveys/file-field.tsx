import { useId, useState } from "react";
import type { Question } from "../../../shared/surveys/definition.js";
import { useErrorMessage } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { useI18n } from "../../lib/i18n.js";
import type { FieldContext } from "./question-field.js";

/** A file question: the files attached so far (links), an upload button, and a remove button per file. */
export function FileField({
  q,
  value,
  onChange,
  errors,
  disabled,
  upload,
  fileNames,
  fileHref,
}: FieldContext & {
  q: Extract<Question, { kind: "file" }>;
  value: unknown;
  onChange: (v: unknown) => void;
  errors: Map<string, string>;
}) {
  const { t } = useI18n();
  const message = useErrorMessage();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const ids = (value as string[] | undefined) ?? [];
  const error = failure ?? errors.get("");
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="mb-1 text-std-16B-170 text-solid-gray-800">
        {q.title}
        {q.required && <span className="ml-2 text-dns-14N-130 text-error-2"> {t("form.required")}</span>}
      </legend>
      <p className="text-dns-14N-130 text-solid-gray-700">
        {[q.help, t("surveys.fileHint", { n: q.maxFiles })].filter(Boolean).join(" ")}
      </p>
      {ids.length > 0 && (
        <ul className="flex flex-col gap-1">
          {ids.map((fid) => (
            <li key={fid} className="flex items-center gap-3">
              {fileHref ? (
                <a className="link" href={fileHref(fid)} target="_blank" rel="noreferrer">
                  {fileNames.get(fid) ?? fid}
                </a>
              ) : (
                <span>{fileNames.get(fid) ?? fid}</span>
              )}
              {!disabled && (
                <Button variant="text" size="sm" onClick={() => onChange(ids.filter((x) => x !== fid))}>
                  {t("surveys.removeFile", { name: fileNames.get(fid) ?? "" })}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!disabled && upload && ids.length < q.maxFiles && (
        <div>
          <label htmlFor={`${id}-input`} className="text-dns-16N-130">
            {t("surveys.chooseFile")}
          </label>
          <input
            id={`${id}-input`}
            type="file"
            disabled={busy}
            className="mt-1 block text-dns-16N-130"
            onChange={async (e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = "";
              if (!files.length) return;
              setBusy(true);
              setFailure(null);
              try {
                const added = await upload(files);
                onChange([...ids, ...added.map((f) => f.id)]);
              } catch (err) {
                setFailure(message(err));
              } finally {
                setBusy(false);
              }
            }}
          />
          {busy && <p role="status">{t("surveys.uploading")}</p>}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-dns-16N-130 text-error-2">
          <span aria-hidden="true">! </span>
          {error}
        </p>
      )}
    </fieldset>
  );
}
