import { Navigate, useNavigate, useParams } from "react-router";
import { useMe } from "../../app/session.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { useI18n } from "../../lib/i18n.js";
import { useBody, useSaveBody } from "./api.js";
import { BodyForm } from "./body-form.js";

export function BodyCreatePage() {
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const toast = useToast();
  const save = useSaveBody();
  if (!me.abilities.manageBodies) return <Navigate to="/bodies" replace />;
  return (
    <>
      <PageHeader
        title={t("bodies.create")}
        breadcrumbs={[{ label: t("bodies.title"), to: "/bodies" }, { label: t("bodies.create") }]}
      />
      <BodyForm
        busy={save.isPending}
        error={save.error}
        cancelTo="/bodies"
        onSubmit={(input) =>
          save.mutate(input, {
            onSuccess: (b) => {
              toast.show(t("state.saved"));
              navigate(`/bodies/${b.id}`);
            },
          })
        }
      />
    </>
  );
}

export function BodyEditPage() {
  const { t } = useI18n();
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const toast = useToast();
  const body = useBody(id);
  const save = useSaveBody(id);
  return (
    <QueryState query={body}>
      {(b) =>
        b.abilities.canEdit ? (
          <>
            <PageHeader
              title={t("bodies.editTitle", { name: b.name })}
              breadcrumbs={[
                { label: t("bodies.title"), to: "/bodies" },
                { label: b.name, to: `/bodies/${b.id}` },
                { label: t("action.edit") },
              ]}
            />
            <BodyForm
              initial={b}
              busy={save.isPending}
              error={save.error}
              cancelTo={`/bodies/${b.id}`}
              onSubmit={(input) =>
                save.mutate(input, {
                  onSuccess: () => {
                    toast.show(t("state.saved"));
                    navigate(`/bodies/${b.id}`);
                  },
                })
              }
            />
          </>
        ) : (
          <Navigate to={`/bodies/${b.id}`} replace />
        )
      }
    </QueryState>
  );
}
