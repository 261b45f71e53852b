import { useMutation, useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "react-router";
import { tokenPassword } from "../../../shared/api/auth.js";
import { useSetMe } from "../../app/session.js";
import { Button } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { api } from "../../lib/api.js";
import type { InvitationInfo, Me } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { NewPasswordFields, withConfirm } from "./new-password-fields.js";

export function InvitationPage() {
  const { t } = useI18n();
  const { token = "" } = useParams();
  const navigate = useNavigate();
  const setMe = useSetMe();
  const form = useZodForm(withConfirm(tokenPassword, "password", t("reset.mismatch")), {
    defaultValues: { password: "", confirm: "" },
    toInput: (v) => ({ ...v, token }),
  });
  const info = useQuery({
    queryKey: ["invitation", token],
    queryFn: () => api.get<InvitationInfo>(`/auth/invitation/${encodeURIComponent(token)}`),
  });
  const accept = useMutation({
    mutationFn: (password: string) => api.post<Me>("/auth/invitation/accept", { token, password }),
    onSuccess: (me) => {
      setMe(me);
      navigate("/", { replace: true });
    },
  });
  return (
    <>
      <PageHeader title={t("invite.title")} />
      <QueryState query={info}>
        {(i) => (
          <ZodForm form={form} error={accept.error} onValid={(v) => accept.mutate(v.password)} className="flex flex-col gap-5">
            <p>{t("invite.lead", { org: i.orgName, name: i.name })}</p>
            <p className="break-all">{t("invite.email", { email: i.email })}</p>
            <NewPasswordFields form={form} name="password" />
            <Button type="submit" busy={accept.isPending}>
              {t("invite.submit")}
            </Button>
          </ZodForm>
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
