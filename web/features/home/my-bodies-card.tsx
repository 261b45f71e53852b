import { Link } from "react-router";
import { bodyKindLabels, positionLabels } from "../../../shared/api/bodies.js";
import { Badge } from "../../components/badge.js";
import { Card } from "../../components/card.js";
import { QueryState } from "../../components/query-state.js";
import type { Me } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { bodyName, useBodies } from "../bodies/api.js";

/** The bodies my organisation (or I) sit on, with our position. */
export function MyBodiesCard({ headingId }: { me: Me; headingId: string }) {
  const { t, label, locale } = useI18n();
  const bodies = useBodies();
  return (
    <Card
      id={headingId}
      title={t("home.myBodies")}
      actions={
        <Link to="/bodies" className="link">
          {t("home.allBodies")}
        </Link>
      }
    >
      <QueryState query={bodies}>
        {(data) => {
          const mine = data.items.filter((b) => b.myPosition);
          if (mine.length === 0) return <p>{t("home.noBodies")}</p>;
          return (
            <ul className="divide-y divide-solid-gray-200">
              {mine.map((b) => (
                <li key={b.id} className="flex flex-wrap items-center gap-2 py-2">
                  <Link to={`/bodies/${b.id}`} className="link">
                    {bodyName(b, locale)}
                  </Link>
                  <Badge>{label(bodyKindLabels, b.kind)}</Badge>
                  {b.myPosition && <Badge tone="green">{label(positionLabels, b.myPosition)}</Badge>}
                </li>
              ))}
            </ul>
          );
        }}
      </QueryState>
    </Card>
  );
}
