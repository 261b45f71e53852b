import { Link } from "react-router";
import { orgKindLabels } from "../../../shared/api/orgs.js";
import { roleLabels } from "../../../shared/api/users.js";
import { Badge } from "../../components/badge.js";
import { Card } from "../../components/card.js";
import type { Me } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";

export function MyOrgCard({ me, headingId }: { me: Me; headingId: string }) {
  const { t, label } = useI18n();
  const kind = me.user.org.kind as keyof typeof orgKindLabels;
  return (
    <Card id={headingId} title={t("home.myOrg")}>
      <p className="text-std-20B-150">
        <Link to={`/orgs/${me.user.org.id}`} className="link">
          {me.user.org.name}
        </Link>
      </p>
      <p className="flex flex-wrap gap-2">
        {orgKindLabels[kind] && <Badge>{label(orgKindLabels, kind)}</Badge>}
        <Badge tone="blue">{label(roleLabels, me.user.role)}</Badge>
        {me.user.isOrgAdmin && <Badge tone="blue">{t("users.orgAdmin")}</Badge>}
      </p>
      {!me.user.twoFactorEnabled && (
        <p className="text-dns-16N-130">
          {t("home.tfaHint")}{" "}
          <Link to="/account" className="link">
            {t("userMenu.account")}
          </Link>
        </p>
      )}
    </Card>
  );
}
