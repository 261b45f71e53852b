import { useId } from "react";
import { useI18n } from "../../../lib/i18n.js";
import { collationUrl, copiesUrl, useWorkbook } from "./api.js";

/** The secretariat's way back to the ministry: its own collation workbook with every submitted answer, or one file per body. */
export function WriteBack({ surveyId }: { surveyId: string }) {
  const { t } = useI18n();
  const id = useId();
  const workbook = useWorkbook(surveyId);
  if (!workbook.data) return null;
  return (
    <section aria-labelledby={`${id}-title`} className="flex flex-col gap-2 rounded-8 border border-solid-gray-300 p-4">
      <h2 id={`${id}-title`} className="text-std-20B-150">
        {t("relay.writeBack")}
      </h2>
      <p className="text-std-16N-170">{t("relay.writeBackLead")}</p>
      <ul className="flex flex-wrap gap-6">
        <li>
          <a className="link" href={collationUrl(surveyId)} download>
            {t("relay.collation")}
          </a>
        </li>
        <li>
          <a className="link" href={copiesUrl(surveyId)} download>
            {t("relay.copies")}
          </a>
        </li>
      </ul>
    </section>
  );
}
