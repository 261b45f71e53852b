import { Link } from "react-router";
import { bodyKindLabels, positionLabels } from "../../../shared/api/bodies.js";
import { useMe } from "../../app/session.js";
import { Badge } from "../../components/badge.js";
import { ButtonLink } from "../../components/button.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { useI18n } from "../../lib/i18n.js";
import { type BodyNode, bodyName, bodyTree, useBodies } from "./api.js";

function BodyTree({ nodes, depth }: { nodes: BodyNode[]; depth: number }) {
  const { t, label, locale } = useI18n();
  return (
    <ul className={`flex flex-col gap-3 ${depth > 0 ? "mt-3 border-l-4 border-solid-gray-200 pl-3 sm:pl-6" : ""}`}>
      {nodes.map(({ body: b, children }) => (
        <li key={b.id}>
          <div className="rounded-12 border border-solid-gray-300 bg-white p-4">
            <div className="mb-1 flex flex-wrap items-center gap-2">
              <Badge tone="blue">{label(bodyKindLabels, b.kind)}</Badge>
              {b.visibility === "members" ? (
                <Badge tone="orange">{t("bodies.membersOnly")}</Badge>
              ) : (
                <Badge>{t("bodies.open")}</Badge>
              )}
              {b.myPosition && <Badge tone="green">{t("bodies.mine", { position: label(positionLabels, b.myPosition) })}</Badge>}
            </div>
            <h2 className="text-std-18B-160">
              <Link to={`/bodies/${b.id}`} className="link">
                {bodyName(b, locale)}
              </Link>
            </h2>
            {b.theme && (
              <p className="text-dns-16N-130 text-solid-gray-700">
                {t("bodies.theme")}：{b.theme}
              </p>
            )}
            <p className="text-dns-14N-130 text-solid-gray-700">{t("bodies.memberCount", { count: b.memberCount })}</p>
          </div>
          {children.length > 0 && <BodyTree nodes={children} depth={depth + 1} />}
        </li>
      ))}
    </ul>
  );
}

export function BodyListPage() {
  const { t } = useI18n();
  const me = useMe();
  const bodies = useBodies();
  return (
    <>
      <PageHeader
        title={t("bodies.title")}
        description={t("bodies.lead")}
        actions={
          me.abilities.manageBodies && (
            <ButtonLink to="/bodies/new" variant="primary">
              {t("bodies.create")}
            </ButtonLink>
          )
        }
      />
      <QueryState query={bodies}>
        {(data) => (data.items.length === 0 ? <p>{t("bodies.empty")}</p> : <BodyTree nodes={bodyTree(data.items)} depth={0} />)}
      </QueryState>
    </>
  );
}
