import { Navigate, useNavigate, useParams } from "react-router";
import { useMe } from "../../app/session.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { useI18n } from "../../lib/i18n.js";
import { useOrg, useSaveOrg } from "./api.js";
import { OrgForm } from "./org-form.js";

export function OrgCreatePage() {
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const toast = useToast();
  const save = useSaveOrg();
  if (!me.abilities.manageOrgs) return <Navigate to="/orgs" replace />;
  return (
    <>
      <PageHeader title={t("orgs.create")} breadcrumbs={[{ label: t("orgs.title"), to: "/orgs" }, { label: t("orgs.create") }]} />
      <OrgForm
        busy={save.isPending}
        error={save.error}
        cancelTo="/orgs"
        onSubmit={(input) =>
          save.mutate(input, {
            onSuccess: (org) => {
              toast.show(t("state.saved"));
              navigate(`/orgs/${org.id}`);
            },
          })
        }
      />
    </>
  );
}

export function OrgEditPage() {
  const { t } = useI18n();
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const toast = useToast();
  const org = useOrg(id);
  const save = useSaveOrg(id);
  return (
    <QueryState query={org}>
      {(o) =>
        o.abilities.canEdit ? (
          <>
            <PageHeader
              title={t("orgs.editTitle", { name: o.name })}
              breadcrumbs={[
                { label: t("orgs.title"), to: "/orgs" },
                { label: o.name, to: `/orgs/${o.id}` },
                { label: t("action.edit") },
              ]}
            />
            <OrgForm
              initial={o}
              busy={save.isPending}
              error={save.error}
              cancelTo={`/orgs/${o.id}`}
              onSubmit={(input) =>
                save.mutate(input, {
                  onSuccess: () => {
                    toast.show(t("state.saved"));
                    navigate(`/orgs/${o.id}`);
                  },
                })
              }
            />
          </>
        ) : (
          <Navigate to={`/orgs/${o.id}`} replace />
        )
      }
    </QueryState>
  );
}
