import { type Disclosure, disclosureLabels, disclosureLevels } from "../../../shared/api/publication.js";
import { FormError } from "../../components/alert.js";
import { buttonClass } from "../../components/button.js";
import { Card } from "../../components/card.js";
import { SelectField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { useI18n } from "../../lib/i18n.js";
import { useProgrammeDisclosure, useSetProgrammeDisclosure } from "./api.js";

/** The public site as a whole: its address, the static export for the CMS, the programmes in the open data. */
export function PublicSitePage() {
  const { t, label } = useI18n();
  const toast = useToast();
  const programmes = useProgrammeDisclosure();
  const setLevel = useSetProgrammeDisclosure();
  const options = disclosureLevels.filter((l) => l !== "members").map((l) => ({ value: l, label: label(disclosureLabels, l) }));
  return (
    <>
      <PageHeader title={t("nav.publication")} description={t("publication.siteLead")} />
      <div className="flex flex-col gap-6">
        <Card title={t("nav.publication")} id="site-card">
          <p className="flex flex-wrap gap-4">
            <a className={buttonClass("secondary")} href="/public/" target="_blank" rel="noopener">
              {t("publication.siteOpen")}
            </a>
            <a className={buttonClass("secondary")} href="/api/publication/export.zip" download>
              {t("publication.export")}
            </a>
          </p>
          <p>{t("publication.exportHint")}</p>
        </Card>
        <Card title={t("publication.programmes")} id="programmes-card">
          <p>{t("publication.programmesHint")}</p>
          <FormError error={setLevel.error} />
          <QueryState query={programmes}>
            {(list) => (
              <div className="flex flex-col gap-3">
                {list.items.map((p) => (
                  <SelectField
                    key={p.id}
                    label={p.name}
                    value={p.level === "members" ? "closed" : p.level}
                    options={options}
                    onChange={(e) =>
                      setLevel.mutate(
                        { id: p.id, level: e.target.value as Disclosure },
                        { onSuccess: () => toast.show(t("publication.saved")) },
                      )
                    }
                  />
                ))}
              </div>
            )}
          </QueryState>
        </Card>
      </div>
    </>
  );
}
