import "./messages.js";
import { Link } from "react-router";
import { Card } from "../../components/card.js";
import { QueryState } from "../../components/query-state.js";
import type { Me } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { useDashboard } from "./api.js";
import { pctText } from "./format.js";

/** Home page: the first programme's prefecture-wide percentage, and for a municipality its own standing. */
export function ProgressCard({ me, headingId }: { me: Me; headingId: string }) {
  const { t } = useI18n();
  const query = useDashboard({});
  return (
    <Card
      id={headingId}
      title={t("progress.homeTitle")}
      actions={
        <Link className="link" to="/progress">
          {t("progress.homeAll")}
        </Link>
      }
    >
      <QueryState query={query}>
        {(d) => {
          const mine = d.orgs.find((o) => o.id === me.user.org.id);
          return (
            <dl className="flex flex-col gap-2">
              <div className="flex flex-wrap justify-between gap-2">
                <dt>{`${d.programme?.name ?? ""}：${t("progress.overall")}`}</dt>
                <dd className="text-std-20B-150 tabular-nums">{pctText(d.overall)}</dd>
              </div>
              {mine && (
                <div className="flex flex-wrap justify-between gap-2">
                  <dt>
                    <Link className="link" to={`/progress/orgs/${mine.id}`}>
                      {mine.name}
                    </Link>
                  </dt>
                  <dd className="tabular-nums">{`${pctText(mine.pct)}・${t("progress.overdueItems")} ${mine.overdueItems}`}</dd>
                </div>
              )}
            </dl>
          );
        }}
      </QueryState>
    </Card>
  );
}
