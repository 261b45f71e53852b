import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { consultationStatuses, consultationStatusLabels } from "../../../shared/api/consultations.js";
import { useMe } from "../../app/session.js";
import { FormError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { SelectField } from "../../components/form-field.js";
import { useToast } from "../../components/toast.js";
import { api } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";
import { TimeForm } from "../support/time-form.js";
import { type ConsultationDetail, useAssign, useMerge, useQueue, useSetStatus, useStaff } from "./api.js";

/** The desk's side of a consultation: assignee, status, merging a duplicate, and turning it into an FAQ draft. */
export function ManagePanel({ c }: { c: ConsultationDetail }) {
  const { t, label } = useI18n();
  const me = useMe();
  const toast = useToast();
  const navigate = useNavigate();
  const staff = useStaff(c.abilities.canAssign);
  const assign = useAssign(c.id);
  const setStatus = useSetStatus(c.id);
  const merge = useMerge(c.id);
  const siblings = useQueue({ orgId: c.org.id, sort: "newest", limit: 100, offset: 0 });
  const faq = useMutation({ mutationFn: () => api.post<{ id: string }>("/faq/from-consultation", { consultationId: c.id }) });
  const [assignee, setAssignee] = useState(c.assignee?.id ?? "");
  const [status, setStatusValue] = useState<string>(c.status);
  const [target, setTarget] = useState("");
  const error = assign.error ?? setStatus.error ?? merge.error ?? faq.error;

  return (
    <section
      aria-labelledby="manage-title"
      className="flex flex-col gap-5 rounded-8 border border-solid-gray-300 bg-solid-gray-50 p-4"
    >
      <h2 id="manage-title" className="text-std-20B-150">
        {t("desk.manage.title")}
      </h2>
      <FormError error={error} />
      {c.abilities.canAssign && (
        <div className="flex flex-col gap-2">
          <SelectField
            label={t("desk.manage.assign")}
            value={assignee}
            onChange={(e) => setAssignee(e.target.value)}
            options={[
              { value: "", label: t("desk.unassigned") },
              ...(staff.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.openCount}）` })),
            ]}
          />
          <div className="flex flex-wrap gap-2">
            <Button
              size="sm"
              variant="secondary"
              busy={assign.isPending}
              onClick={() =>
                assign.mutate(assignee || null, { onSuccess: () => toast.show(t("desk.manage.assigned"), "success") })
              }
            >
              {t("desk.manage.assignSave")}
            </Button>
            {c.assignee?.id !== me.user.id && (
              <Button
                size="sm"
                variant="secondary"
                onClick={() =>
                  assign.mutate(me.user.id, {
                    onSuccess: () => {
                      setAssignee(me.user.id);
                      toast.show(t("desk.manage.assigned"), "success");
                    },
                  })
                }
              >
                {t("desk.manage.takeIt")}
              </Button>
            )}
          </div>
        </div>
      )}
      {c.abilities.canChangeStatus && (
        <div className="flex flex-col gap-2">
          <SelectField
            label={t("desk.manage.status")}
            value={status}
            onChange={(e) => setStatusValue(e.target.value)}
            options={consultationStatuses.map((s) => ({ value: s, label: label(consultationStatusLabels, s) }))}
          />
          <div>
            <Button
              size="sm"
              variant="secondary"
              busy={setStatus.isPending}
              onClick={() => setStatus.mutate(status, { onSuccess: () => toast.show(t("desk.manage.statusChanged"), "success") })}
            >
              {t("desk.manage.statusSave")}
            </Button>
          </div>
        </div>
      )}
      {c.abilities.canMerge && (
        <div className="flex flex-col gap-2">
          <SelectField
            label={t("desk.manage.mergeInto")}
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            options={[
              { value: "", label: t("form.select") },
              ...(siblings.data?.items ?? [])
                .filter((s) => s.id !== c.id && !s.mergedIntoId)
                .map((s) => ({ value: s.id, label: s.subject })),
            ]}
          />
          <div>
            <Button
              size="sm"
              variant="secondary"
              disabled={!target}
              busy={merge.isPending}
              onClick={() =>
                merge.mutate(target, {
                  onSuccess: (to) => {
                    toast.show(t("desk.manage.merged"), "success");
                    navigate(`/consultations/${to.id}`);
                  },
                })
              }
            >
              {t("desk.manage.mergeSave")}
            </Button>
          </div>
        </div>
      )}
      {c.abilities.canMakeFaq && (
        <div className="flex flex-col gap-2">
          <p className="text-dns-14N-130 text-solid-gray-700">{t("desk.manage.faqHint")}</p>
          <div>
            <Button
              size="sm"
              busy={faq.isPending}
              onClick={() => faq.mutate(undefined, { onSuccess: (a) => navigate(`/faq/${a.id}`) })}
            >
              {t("desk.manage.faq")}
            </Button>
          </div>
        </div>
      )}
      {c.abilities.canLogTime && <TimeForm path={`/consultations/${c.id}/time`} id="consultation-time" />}
    </section>
  );
}
