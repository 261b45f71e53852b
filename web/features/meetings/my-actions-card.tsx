import { Card } from "../../components/card.js";
import { QueryState } from "../../components/query-state.js";
import type { Me } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { ActionTable } from "./actions-section.js";
import { useActionItems } from "./api.js";

/** Home page: the open action items my organisation owns, overdue ones marked. */
export function MyActionsCard({ headingId }: { me: Me; headingId: string }) {
  const { t } = useI18n();
  const mine = useActionItems({ mine: "true" });
  return (
    <Card id={headingId} title={t("actions.mine")}>
      <QueryState query={mine}>{(d) => <ActionTable items={d.items} withMeeting caption={t("actions.mine")} />}</QueryState>
    </Card>
  );
}
