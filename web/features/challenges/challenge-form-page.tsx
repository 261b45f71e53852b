import { type FormEvent, useState } from "react";
import { useNavigate, useParams } from "react-router";
import type { ChallengeDetail } from "../../../shared/api/challenges.js";
import { FormError, fieldError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { SelectField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { RichTextField } from "../../components/rich-text-field.js";
import { useI18n } from "../../lib/i18n.js";
import { useBodies } from "../bodies/api.js";
import { useChallenge, useSaveChallenge, useThemes } from "./api.js";

function ChallengeForm({ initial }: { initial?: ChallengeDetail }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const bodies = useBodies();
  const themes = useThemes();
  const save = useSaveChallenge(initial?.id);
  const [v, setV] = useState({
    title: initial?.title ?? "",
    theme: initial?.theme ?? "",
    bodyId: initial?.body?.id ?? "",
    description: initial?.description ?? "",
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ ...v, bodyId: v.bodyId || null }, { onSuccess: (c) => navigate(`/challenges/${c.id}`) });
  };
  const err = (p: string) => fieldError(save.error, p);
  return (
    <form noValidate onSubmit={submit} className="flex max-w-3xl flex-col gap-5">
      <FormError error={save.error} fields={["title", "theme", "bodyId", "description"]} />
      <TextField
        label={t("challenges.subject")}
        required
        value={v.title}
        onChange={(e) => setV({ ...v, title: e.target.value })}
        error={err("title")}
      />
      <TextField
        label={t("challenges.theme")}
        hint={t("challenges.themeHint")}
        list="challenge-themes"
        value={v.theme}
        onChange={(e) => setV({ ...v, theme: e.target.value })}
        error={err("theme")}
      />
      <datalist id="challenge-themes">
        {(themes.data?.items ?? []).map((x) => (
          <option key={x.theme} value={x.theme} />
        ))}
      </datalist>
      <SelectField
        label={t("challenges.wg")}
        value={v.bodyId}
        onChange={(e) => setV({ ...v, bodyId: e.target.value })}
        options={[
          { value: "", label: t("challenges.wgNone") },
          ...(bodies.data?.items ?? [])
            .filter((b) => b.kind === "working_group" || b.kind === "subcommittee")
            .map((b) => ({ value: b.id, label: b.name })),
        ]}
        error={err("bodyId")}
      />
      <RichTextField
        label={t("challenges.description")}
        required
        rows={10}
        value={v.description}
        onChange={(description) => setV({ ...v, description })}
        error={err("description")}
      />
      <div className="flex gap-3">
        <Button type="submit" busy={save.isPending} busyLabel={t("state.saving")}>
          {initial ? t("action.save") : t("challenges.create")}
        </Button>
        <Button variant="secondary" onClick={() => navigate(initial ? `/challenges/${initial.id}` : "/challenges")}>
          {t("action.cancel")}
        </Button>
      </div>
    </form>
  );
}

export function ChallengeCreatePage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader
        title={t("challenges.newTitle")}
        breadcrumbs={[{ label: t("challenges.title"), to: "/challenges" }, { label: t("challenges.newTitle") }]}
      />
      <ChallengeForm />
    </>
  );
}

export function ChallengeEditPage() {
  const { t } = useI18n();
  const { id = "" } = useParams();
  const c = useChallenge(id);
  return (
    <QueryState query={c}>
      {(d) => (
        <>
          <PageHeader
            title={t("challenges.editTitle")}
            breadcrumbs={[
              { label: t("challenges.title"), to: "/challenges" },
              { label: d.title, to: `/challenges/${d.id}` },
              { label: t("action.edit") },
            ]}
          />
          <ChallengeForm initial={d} />
        </>
      )}
    </QueryState>
  );
}
