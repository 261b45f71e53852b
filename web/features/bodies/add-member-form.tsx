import { type FormEvent, useState } from "react";
import { positionLabels, positions } from "../../../shared/api/bodies.js";
import { FormError, fieldError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { SelectField, TextField } from "../../components/form-field.js";
import { RadioGroup } from "../../components/radio-group.js";
import { useToast } from "../../components/toast.js";
import type { BodyDetail, Member } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { useOrgs } from "../orgs/api.js";
import { type Candidate, useAddMember } from "./api.js";
import { PersonPicker } from "./person-picker.js";

type Kind = "org" | "user";
const empty = {
  kind: "org" as Kind,
  orgId: "",
  person: null as Candidate | null,
  position: "member" as Member["position"],
  termStart: "",
  termEnd: "",
};

/** 「構成員を追加」: an organisation (its staff take part) or one person, with a position and an optional term. */
export function AddMemberForm({ body }: { body: BodyDetail }) {
  const { t, label } = useI18n();
  const toast = useToast();
  const add = useAddMember(body.id);
  const [v, setV] = useState(empty);
  // Bumped after each addition so the person search starts afresh.
  const [round, setRound] = useState(0);
  const orgs = useOrgs();
  const taken = new Set(body.members.map((m) => m.org?.id ?? m.user?.id));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(
      {
        orgId: v.kind === "org" ? v.orgId || null : null,
        userId: v.kind === "user" ? (v.person?.id ?? null) : null,
        position: v.position,
        termStart: v.termStart || null,
        termEnd: v.termEnd || null,
      },
      {
        onSuccess: () => {
          const name = v.kind === "org" ? orgs.data?.items.find((o) => o.id === v.orgId)?.name : v.person?.name;
          toast.show(t("bodies.added", { name: name ?? "" }));
          setV({ ...empty, kind: v.kind });
          setRound((r) => r + 1);
        },
      },
    );
  };
  const err = add.error;
  const whoError = fieldError(err, "orgId") ?? fieldError(err, "userId");

  return (
    <section aria-labelledby="add-member" className="mt-4 rounded-12 border border-solid-gray-300 bg-solid-gray-50 p-4 sm:p-6">
      <h3 id="add-member" className="mb-4 text-std-20B-150">
        {t("bodies.addMember")}
      </h3>
      <form noValidate onSubmit={submit} className="flex max-w-2xl flex-col gap-5">
        <FormError error={err} fields={["orgId", "userId", "position", "termStart", "termEnd"]} />
        <RadioGroup<Kind>
          legend={t("bodies.memberKind")}
          name="member-kind"
          inline
          value={v.kind}
          onChange={(kind) => setV({ ...v, kind })}
          options={[
            { value: "org", label: t("bodies.kindOrg") },
            { value: "user", label: t("bodies.kindUser") },
          ]}
        />
        {v.kind === "org" ? (
          <SelectField
            label={t("bodies.org")}
            required
            value={v.orgId}
            onChange={(e) => setV({ ...v, orgId: e.target.value })}
            options={[
              { value: "", label: t("form.select") },
              ...(orgs.data?.items ?? []).filter((o) => !taken.has(o.id)).map((o) => ({ value: o.id, label: o.name })),
            ]}
            error={whoError}
          />
        ) : (
          <PersonPicker
            key={round}
            bodyId={body.id}
            exclude={taken}
            value={v.person}
            onChange={(person) => setV((cur) => ({ ...cur, person }))}
            error={whoError}
          />
        )}
        <SelectField
          label={t("bodies.position")}
          required
          value={v.position}
          onChange={(e) => setV({ ...v, position: e.target.value as Member["position"] })}
          options={positions.map((p) => ({ value: p, label: label(positionLabels, p) }))}
          error={fieldError(err, "position")}
        />
        <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
          <TextField
            label={t("bodies.termStart")}
            type="date"
            value={v.termStart}
            onChange={(e) => setV({ ...v, termStart: e.target.value })}
            error={fieldError(err, "termStart")}
          />
          <TextField
            label={t("bodies.termEnd")}
            type="date"
            value={v.termEnd}
            onChange={(e) => setV({ ...v, termEnd: e.target.value })}
            error={fieldError(err, "termEnd")}
          />
        </div>
        <div>
          <Button type="submit" busy={add.isPending}>
            {t("bodies.addMember")}
          </Button>
        </div>
      </form>
    </section>
  );
}
