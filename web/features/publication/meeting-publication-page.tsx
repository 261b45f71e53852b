import { useState } from "react";
import { useParams } from "react-router";
import { findingLabels } from "../../../shared/api/faq.js";
import {
  type Disclosure,
  disclosureLabels,
  disclosureLevels,
  type PublicationInput,
  type PublicationPreview,
  type PublicationState,
} from "../../../shared/api/publication.js";
import { fileSize } from "../../../shared/file-size.js";
import { Alert, FormError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { CheckboxField, SelectField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { useI18n } from "../../lib/i18n.js";
import { useApply, usePreview, usePublication } from "./api.js";

type Levels = Record<string, Disclosure>;

function Preview({ p }: { p: PublicationPreview }) {
  const { t, label } = useI18n();
  if (!p.public) return <p>{t("publication.nothing")}</p>;
  return (
    <div className="flex flex-col gap-3">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        <dt className="font-bold">会議</dt>
        <dd>{p.meetingName}</dd>
        <dt className="font-bold">日時</dt>
        <dd>{p.when}</dd>
        <dt className="font-bold">場所</dt>
        <dd>{p.place}</dd>
      </dl>
      {p.description && <p className="whitespace-pre-wrap">{p.description}</p>}
      <h3 className="text-std-18B-160">次第</h3>
      {p.agenda.length ? (
        <ol className="list-decimal pl-6">
          {p.agenda.map((a) => (
            <li key={`${a.number}-${a.title}`} value={a.number ?? undefined}>
              {a.title}
              {a.presenter && `（${a.presenter}）`}
            </li>
          ))}
        </ol>
      ) : (
        <p>公開する議題はありません。</p>
      )}
      <h3 className="text-std-18B-160">資料</h3>
      {p.materials.length ? (
        <ul className="list-disc pl-6">
          {p.materials.map((m) => (
            <li key={`${m.label}-${m.title}`}>
              {m.label} {m.title}（{m.fileName}、{fileSize(m.size)}）
            </li>
          ))}
        </ul>
      ) : (
        <p>公開する資料はありません。</p>
      )}
      <h3 className="text-std-18B-160">議事要旨</h3>
      {p.minutesHtml ? (
        <div className="rounded-8 border border-solid-gray-300 p-4">
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: rendered from Markdown and sanitised on the server (sanitize-html). */}
          <div className="rich-text" dangerouslySetInnerHTML={{ __html: p.minutesHtml }} />
        </div>
      ) : (
        <p>掲載する議事要旨はありません。</p>
      )}
      {p.findings.length ? (
        <Alert tone="warning" title={t("publication.findings", { n: p.findings.length })}>
          <p>{t("publication.findingsHint")}</p>
          <ul className="list-disc pl-6">
            {p.findings.map((f) => (
              <li key={`${f.kind}-${f.term}-${f.where}`}>
                {f.where}：{label(findingLabels, f.kind)}「{f.term}」
              </li>
            ))}
          </ul>
        </Alert>
      ) : (
        <Alert tone="success" title={t("publication.noFindings")} />
      )}
    </div>
  );
}

function Form({ s }: { s: PublicationState }) {
  const { t, label } = useI18n();
  const toast = useToast();
  const [meeting, setMeeting] = useState<Disclosure>(s.meeting);
  const [minutes, setMinutes] = useState<Disclosure>(s.minutes);
  const [items, setItems] = useState<Levels>(Object.fromEntries(s.agendaItems.map((a) => [a.id, a.level])));
  const [materials, setMaterials] = useState<Levels>(Object.fromEntries(s.materials.map((m) => [m.id, m.level])));
  const [accept, setAccept] = useState(false);
  const preview = usePreview(s.meetingId);
  const apply = useApply(s.meetingId);
  const options = disclosureLevels.map((l) => ({ value: l, label: label(disclosureLabels, l) }));
  const input = (): PublicationInput => ({
    meeting,
    minutes,
    agendaItems: Object.entries(items).map(([id, level]) => ({ id, level })),
    materials: Object.entries(materials).map(([id, level]) => ({ id, level })),
  });
  // Any change makes the preview stale: it must be looked at again before saving.
  const changed = () => {
    preview.reset();
    setAccept(false);
  };
  const set =
    <T,>(fn: (v: T) => void) =>
    (v: T) => {
      fn(v);
      changed();
    };
  const shown = preview.data;
  const canSave = !!shown && (shown.findings.length === 0 || accept);
  return (
    <div className="flex flex-col gap-6">
      {!s.bodyPublic && <Alert tone="info" title={t("publication.bodyMembersOnly")} />}
      <FormError error={preview.error ?? apply.error} />
      <fieldset className="flex flex-col gap-4">
        <legend className="sr-only">{t("publication.title")}</legend>
        <SelectField
          label={t("publication.meeting")}
          value={meeting}
          options={options}
          onChange={(e) => set(setMeeting)(e.target.value as Disclosure)}
        />
        <SelectField
          label={t("publication.minutes")}
          hint={s.publishedMinutesRevision == null ? t("publication.minutesNone") : undefined}
          value={minutes}
          options={options}
          onChange={(e) => set(setMinutes)(e.target.value as Disclosure)}
        />
      </fieldset>
      {s.agendaItems.length > 0 && (
        <section aria-labelledby="pub-agenda" className="flex flex-col gap-3">
          <h2 id="pub-agenda" className="text-std-20B-150">
            {t("publication.agenda")}
          </h2>
          {s.agendaItems.map((a) => (
            <SelectField
              key={a.id}
              label={t("publication.levelOf", { name: `${a.number ? `議題${a.number} ` : ""}${a.title}` })}
              value={items[a.id]}
              options={options}
              onChange={(e) => set(setItems)({ ...items, [a.id]: e.target.value as Disclosure })}
            />
          ))}
        </section>
      )}
      {s.materials.length > 0 && (
        <section aria-labelledby="pub-materials" className="flex flex-col gap-3">
          <h2 id="pub-materials" className="text-std-20B-150">
            {t("publication.materials")}
          </h2>
          {s.materials.map((m) => (
            <SelectField
              key={m.id}
              label={t("publication.levelOf", { name: `${m.label} ${m.title}` })}
              value={materials[m.id]}
              options={options}
              onChange={(e) => set(setMaterials)({ ...materials, [m.id]: e.target.value as Disclosure })}
            />
          ))}
        </section>
      )}
      <div>
        <Button variant="secondary" busy={preview.isPending} onClick={() => preview.mutate(input())}>
          {t("publication.preview")}
        </Button>
      </div>
      {shown && (
        <section aria-labelledby="pub-preview" className="flex flex-col gap-4 rounded-12 border border-solid-gray-420 p-5">
          <h2 id="pub-preview" className="text-std-20B-150">
            {t("publication.previewTitle")}
          </h2>
          <Preview p={shown} />
          {shown.findings.length > 0 && (
            <CheckboxField label={t("publication.accept")} checked={accept} onChange={(e) => setAccept(e.target.checked)} />
          )}
          <div>
            <Button
              disabled={!canSave}
              busy={apply.isPending}
              onClick={() =>
                apply.mutate({ ...input(), acceptFindings: accept }, { onSuccess: () => toast.show(t("publication.saved")) })
              }
            >
              {t("publication.save")}
            </Button>
          </div>
        </section>
      )}
      {s.meeting === "public" && (
        <p>
          <a className="link" href={s.publicPath} target="_blank" rel="noopener">
            {t("publication.openPublic")}
          </a>
        </p>
      )}
    </div>
  );
}

export function MeetingPublicationPage() {
  const { t } = useI18n();
  const { id = "" } = useParams();
  const state = usePublication(id);
  return (
    <QueryState query={state}>
      {(s) => (
        <>
          <PageHeader
            title={`${t("publication.title")}：${s.meetingName}`}
            description={t("publication.lead")}
            breadcrumbs={[
              { label: t("meetings.title"), to: "/meetings" },
              { label: s.meetingName, to: `/meetings/${id}` },
              { label: t("publication.title") },
            ]}
          />
          <Form s={s} />
        </>
      )}
    </QueryState>
  );
}
