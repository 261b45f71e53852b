import { useState } from "react";
import { Controller } from "react-hook-form";
import type { z } from "zod";
import { memberInput, positionLabels, positions } from "../../../shared/api/bodies.js";
import { Button } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { SelectField, TextField } from "../../components/form-field.js";
import { RadioGroup } from "../../components/radio-group.js";
import { useToast } from "../../components/toast.js";
import type { BodyDetail, Member } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { useOrgs } from "../orgs/api.js";
import { type Candidate, useAddMember } from "./api.js";
import { PersonPicker } from "./person-picker.js";

type Kind = "org" | "user";
/** The fields as typed: who is added (an organisation or a person found by name), "" for no term date. */
type MemberFields = {
  kind: Kind;
  orgId: string;
  person: Candidate | null;
  position: Member["position"];
  termStart: string;
  termEnd: string;
};
const empty = (kind: Kind): MemberFields => ({ kind, orgId: "", person: null, position: "member", termStart: "", termEnd: "" });
/** The request: only the chosen kind of member is sent. */
const toInput = (v: MemberFields) => ({
  orgId: v.kind === "org" ? v.orgId || null : null,
  userId: v.kind === "user" ? (v.person?.id ?? null) : null,
  position: v.position,
  termStart: v.termStart || null,
  termEnd: v.termEnd || null,
});

/** 「構成員を追加」: an organisation (its staff take part) or one person, with a position and an optional term. */
export function AddMemberForm({ body }: { body: BodyDetail }) {
  const { t, label } = useI18n();
  const toast = useToast();
  const add = useAddMember(body.id);
  const form = useZodForm<typeof memberInput, MemberFields>(memberInput, { toInput, defaultValues: empty("org") });
  const kind = form.watch("kind");
  // Bumped after each addition so the person search starts afresh.
  const [round, setRound] = useState(0);
  const orgs = useOrgs();
  const taken = new Set(body.members.map((m) => m.org?.id ?? m.user?.id));

  const submit = (input: z.output<typeof memberInput>) => {
    const v = form.getValues();
    add.mutate(input, {
      onSuccess: () => {
        const name = v.kind === "org" ? orgs.data?.items.find((o) => o.id === v.orgId)?.name : v.person?.name;
        toast.show(t("bodies.added", { name: name ?? "" }));
        form.reset(empty(v.kind));
        setRound((r) => r + 1);
      },
    });
  };
  const whoError = form.errorOf("orgId") ?? form.errorOf("userId");

  return (
    <section aria-labelledby="add-member" className="mt-4 rounded-12 border border-solid-gray-300 bg-solid-gray-50 p-4 sm:p-6">
      <h3 id="add-member" className="mb-4 text-std-20B-150">
        {t("bodies.addMember")}
      </h3>
      <ZodForm form={form} onValid={submit} error={add.error} className="flex max-w-2xl flex-col gap-5">
        <Controller
          control={form.control}
          name="kind"
          render={({ field }) => (
            <RadioGroup<Kind>
              legend={t("bodies.memberKind")}
              name="member-kind"
              inline
              value={field.value}
              onChange={field.onChange}
              options={[
                { value: "org", label: t("bodies.kindOrg") },
                { value: "user", label: t("bodies.kindUser") },
              ]}
            />
          )}
        />
        {kind === "org" ? (
          <SelectField
            label={t("bodies.org")}
            required
            {...form.field("orgId")}
            options={[
              { value: "", label: t("form.select") },
              ...(orgs.data?.items ?? []).filter((o) => !taken.has(o.id)).map((o) => ({ value: o.id, label: o.name })),
            ]}
            error={whoError}
          />
        ) : (
          <Controller
            control={form.control}
            name="person"
            render={({ field }) => (
              <PersonPicker
                key={round}
                bodyId={body.id}
                exclude={taken}
                value={field.value}
                onChange={field.onChange}
                error={whoError}
              />
            )}
          />
        )}
        <SelectField
          label={t("bodies.position")}
          required
          {...form.field("position")}
          options={positions.map((p) => ({ value: p, label: label(positionLabels, p) }))}
        />
        <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
          <TextField label={t("bodies.termStart")} type="date" {...form.field("termStart")} />
          <TextField label={t("bodies.termEnd")} type="date" {...form.field("termEnd")} />
        </div>
        <div>
          <Button type="submit" busy={add.isPending}>
            {t("bodies.addMember")}
          </Button>
        </div>
      </ZodForm>
    </section>
  );
}
