import { positionLabels } from "../../../shared/api/bodies.js";
import { Card } from "../../components/card.js";
import { ContactLine } from "../../components/contact-line.js";
import type { BodyDetail } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { memberName } from "./api.js";

/** Whom to ask about the body: its secretariat and chair, with their contacts. */
export function ContactCard({ body }: { body: BodyDetail }) {
  const { t, label } = useI18n();
  const people = body.members.filter((m) => m.position === "secretariat" || m.position === "chair");
  return (
    <Card id="space-contact" title={t("space.contact")}>
      {people.length ? (
        <ul className="flex flex-col gap-2">
          {people.map((m) => (
            <li key={m.id}>
              <span className="font-bold">{label(positionLabels, m.position)}</span>　{memberName(m)}
              {m.user && `（${m.user.orgName}）`}
              <ContactLine contact={m.contact} />
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("space.noContact")}</p>
      )}
    </Card>
  );
}
