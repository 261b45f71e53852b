import { type ReactNode, useState } from "react";
import { useI18n } from "../lib/i18n.js";
import { Alert } from "./alert.js";
import { Button, type ButtonSize, type ButtonVariant } from "./button.js";

/** The name from `filename*=UTF-8''…` (or the plain one), as the server set it. */
function fileNameOf(disposition: string | null): string {
  const star = disposition?.match(/filename\*=UTF-8''([^;]+)/i);
  if (star) return decodeURIComponent(star[1]!);
  return disposition?.match(/filename="([^"]+)"/)?.[1] ?? "download.csv";
}

/**
 * Downloads a Shift_JIS (CP932) CSV and says which characters that encoding could not hold
 * (the server writes them as 〓 and names them in a header), instead of losing them silently.
 */
export function CsvDownload(props: { href: string; children: ReactNode; variant?: ButtonVariant; size?: ButtonSize }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState("");
  const [error, setError] = useState("");
  const download = async () => {
    setBusy(true);
    setMissing("");
    setError("");
    try {
      const res = await fetch(props.href, { credentials: "same-origin" });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        return setError(body?.error?.message ?? t("csv.failed"));
      }
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = fileNameOf(res.headers.get("content-disposition"));
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setMissing(decodeURIComponent(res.headers.get("x-unencodable-characters") ?? ""));
    } catch {
      setError(t("csv.failed"));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button type="button" variant={props.variant ?? "secondary"} size={props.size ?? "sm"} busy={busy} onClick={download}>
        {props.children}
      </Button>
      {missing && (
        <Alert
          tone="warning"
          role="status"
          className="basis-full"
          title={t("csv.unencodable", { chars: [...missing].join(" ") })}
        >
          {t("csv.unencodableHint")}
        </Alert>
      )}
      {error && <Alert tone="error" role="alert" className="basis-full" title={error} />}
    </>
  );
}
