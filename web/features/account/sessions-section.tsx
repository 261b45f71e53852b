import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { useMe, useSignOut } from "../../app/session.js";
import { FormError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { Card } from "../../components/card.js";
import { ConfirmDialog } from "../../components/dialog.js";
import { useI18n } from "../../lib/i18n.js";
import "./messages.js";
import { SessionList } from "./session-list.js";

export function SessionsSection() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const [open, setOpen] = useState(false);
  const me = useMe();
  return (
    <Card id="account-sessions" title={t("account.sessions")}>
      <p>{t("account.sessionsLead")}</p>
      <SessionList userId={me.user.id} />
      {me.abilities.reviewAccounts && (
        <p>
          <Link to="/admin/accounts">{t("dormant.link")}</Link>
        </p>
      )}
      <FormError error={signOut.error} />
      <div>
        <Button variant="danger" onClick={() => setOpen(true)}>
          {t("account.signOutAll")}
        </Button>
      </div>
      <ConfirmDialog
        open={open}
        danger
        title={t("account.signOutAll")}
        message={t("account.signOutAllConfirm")}
        confirmLabel={t("account.signOutAll")}
        busy={signOut.isPending}
        onClose={() => setOpen(false)}
        onConfirm={() => signOut.mutate(true, { onSettled: () => navigate("/login", { replace: true }) })}
      />
    </Card>
  );
}
