import { Controller } from "react-hook-form";
import { useNavigate, useParams } from "react-router";
import { type ChallengeDetail, challengeInput } from "../../../shared/api/challenges.js";
import { Button } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { SelectField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { RichTextField } from "../../components/rich-text-field.js";
import { useI18n } from "../../lib/i18n.js";
import { useBodies } from "../bodies/api.js";
import { useChallenge, useSaveChallenge, useThemes } from "./api.js";

/** The fields as typed: "" for no working group (the request sends null). */
type ChallengeFields = { title: string; theme: string; bodyId: string; description: string };
const toInput = (v: ChallengeFields) => ({ ...v, bodyId: v.bodyId || null });

function ChallengeForm({ initial }: { initial?: ChallengeDetail }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const bodies = useBodies();
  const themes = useThemes();
  const save = useSaveChallenge(initial?.id);
  const form = useZodForm<typeof challengeInput, ChallengeFields>(challengeInput, {
    toInput,
    defaultValues: {
      title: initial?.title ?? "",
      theme: initial?.theme ?? "",
      bodyId: initial?.body?.id ?? "",
      description: initial?.description ?? "",
    },
  });
  return (
    <ZodForm
      form={form}
      onValid={(v) => save.mutate(v, { onSuccess: (c) => navigate(`/challenges/${c.id}`) })}
      error={save.error}
      className="flex max-w-3xl flex-col gap-5"
    >
      <TextField label={t("challenges.subject")} required {...form.field("title")} />
      <TextField
        label={t("challenges.theme")}
        hint={t("challenges.themeHint")}
        list="challenge-themes"
        {...form.field("theme")}
      />
      <datalist id="challenge-themes">
        {(themes.data?.items ?? []).map((x) => (
          <option key={x.theme} value={x.theme} />
        ))}
      </datalist>
      <SelectField
        label={t("challenges.wg")}
        {...form.field("bodyId")}
        options={[
          { value: "", label: t("challenges.wgNone") },
          ...(bodies.data?.items ?? [])
            .filter((b) => b.kind === "working_group" || b.kind === "subcommittee")
            .map((b) => ({ value: b.id, label: b.name })),
        ]}
      />
      <Controller
        control={form.control}
        name="description"
        render={({ field, fieldState }) => (
          <RichTextField
            label={t("challenges.description")}
            required
            rows={10}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={fieldState.error?.message}
          />
        )}
      />
      <div className="flex gap-3">
        <Button type="submit" busy={save.isPending} busyLabel={t("state.saving")}>
          {initial ? t("action.save") : t("challenges.create")}
        </Button>
        <Button variant="secondary" onClick={() => navigate(initial ? `/challenges/${initial.id}` : "/challenges")}>
          {t("action.cancel")}
        </Button>
      </div>
    </ZodForm>
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
