import { TextField } from "../../components/form-field.js";
import { useI18n } from "../../lib/i18n.js";

export interface NewPasswordValue {
  password: string;
  confirm: string;
}

/** New password twice, with the rules as a hint; `serverError` is the server's message for "password". */
export function NewPasswordFields({
  value,
  onChange,
  serverError,
  showMismatch,
}: {
  value: NewPasswordValue;
  onChange: (v: NewPasswordValue) => void;
  serverError?: string;
  showMismatch: boolean;
}) {
  const { t } = useI18n();
  return (
    <>
      <TextField
        label={t("reset.password")}
        hint={t("password.rules")}
        type="password"
        name="new-password"
        autoComplete="new-password"
        required
        value={value.password}
        onChange={(e) => onChange({ ...value, password: e.target.value })}
        error={serverError}
      />
      <TextField
        label={t("reset.confirm")}
        type="password"
        name="confirm-password"
        autoComplete="new-password"
        required
        value={value.confirm}
        onChange={(e) => onChange({ ...value, confirm: e.target.value })}
        error={showMismatch && value.password !== value.confirm ? t("reset.mismatch") : undefined}
      />
    </>
  );
}
