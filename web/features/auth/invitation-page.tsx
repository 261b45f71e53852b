import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useSetMe } from "../../app/session.js";
import { FormError, fieldError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { api } from "../../lib/api.js";
import type { InvitationInfo, Me } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { NewPasswordFields } from "./new-password-fields.js";

export function InvitationPage() {
  const { t } = useI18n();
  const { token = "" } = useParams();
  const navigate = useNavigate();
  const setMe = useSetMe();
  const [value, setValue] = useState({ password: "", confirm: "" });
  const [tried, setTried] = useState(false);
  const info = useQuery({
    queryKey: ["invitation", token],
    queryFn: () => api.get<InvitationInfo>(`/auth/invitation/${encodeURIComponent(token)}`),
  });
  const accept = useMutation({
    mutationFn: () => api.post<Me>("/auth/invitation/accept", { token, password: value.password }),
    onSuccess: (me) => {
      setMe(me);
      navigate("/", { replace: true });
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (value.password !== value.confirm) return;
    accept.mutate();
  };
  return (
    <>
      <PageHeader title={t("invite.title")} />
      <QueryState query={info}>
        {(i) => (
          <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
            <p>{t("invite.lead", { org: i.orgName, name: i.name })}</p>
            <p className="break-all">{t("invite.email", { email: i.email })}</p>
            <FormError error={accept.error} fields={["password"]} />
            <NewPasswordFields
              value={value}
              onChange={setValue}
              serverError={fieldError(accept.error, "password")}
              showMismatch={tried}
            />
            <Button type="submit" busy={accept.isPending}>
              {t("invite.submit")}
            </Button>
          </form>
        )}
      </QueryState>
      <p className="mt-6">
        <Link to="/login" className="link">
          {t("forgot.back")}
        </Link>
      </p>
    </>
  );
}
