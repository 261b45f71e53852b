import { Link, Navigate } from "react-router";
import { roleLabels, roles, userStatuses } from "../../../shared/api/users.js";
import { useMe } from "../../app/session.js";
import { Badge } from "../../components/badge.js";
import { ButtonLink } from "../../components/button.js";
import { DataTable } from "../../components/data-table.js";
import { FilterBar, useUrlFilter } from "../../components/filter-bar.js";
import { SelectField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { Pager } from "../../components/pager.js";
import { QueryState } from "../../components/query-state.js";
import type { User } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { useOrgs } from "../orgs/api.js";
import { statusLabels, useUsers } from "./api.js";

const limit = 50;
const keys = ["orgId", "role", "status", "q"] as const;

export function UserListPage() {
  const { t, label } = useI18n();
  const me = useMe();
  const seesAll = me.user.role === "admin" || me.user.role === "secretariat";
  const { filter, offset, draft, setDraft, apply, clear, page } = useUrlFilter(keys);
  const users = useUsers({ ...filter, limit, offset }, me.abilities.manageUsers);
  const orgs = useOrgs();
  if (!me.abilities.manageUsers) return <Navigate to="/" replace />;

  return (
    <>
      <PageHeader
        title={t("users.title")}
        description={seesAll ? t("users.leadAll") : t("users.leadOrg", { org: me.user.org.name })}
        actions={
          <>
            {me.abilities.bulkUsers && <ButtonLink to="/users/import">{t("users.bulk")}</ButtonLink>}
            <ButtonLink to="/users/new" variant="primary">
              {t("users.invite")}
            </ButtonLink>
          </>
        }
      />
      <FilterBar label={t("users.filter")} columns={5} onApply={apply} onClear={clear}>
        {seesAll && (
          <SelectField
            label={t("users.org")}
            value={draft.orgId}
            onChange={(e) => setDraft({ ...draft, orgId: e.target.value })}
            options={[
              { value: "", label: t("form.all") },
              ...(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name })),
            ]}
          />
        )}
        <SelectField
          label={t("users.role")}
          value={draft.role}
          onChange={(e) => setDraft({ ...draft, role: e.target.value })}
          options={[{ value: "", label: t("form.all") }, ...roles.map((r) => ({ value: r, label: label(roleLabels, r) }))]}
        />
        <SelectField
          label={t("users.status")}
          value={draft.status}
          onChange={(e) => setDraft({ ...draft, status: e.target.value })}
          options={[
            { value: "", label: t("form.all") },
            ...userStatuses.map((s) => ({ value: s, label: label(statusLabels, s) })),
          ]}
        />
        <TextField
          label={t("users.keyword")}
          type="search"
          value={draft.q}
          onChange={(e) => setDraft({ ...draft, q: e.target.value })}
        />
      </FilterBar>
      <QueryState query={users}>
        {(data) => (
          <>
            <DataTable<User>
              caption={t("users.count", { count: data.total ?? data.items.length })}
              rows={data.items}
              rowKey={(u) => u.id}
              empty={t("users.empty")}
              columns={[
                {
                  key: "name",
                  header: t("users.name"),
                  cell: (u) => (
                    <Link to={`/users/${u.id}`} className="link">
                      {u.name}
                    </Link>
                  ),
                },
                { key: "email", header: t("users.email"), cell: (u) => <span className="break-all">{u.email}</span> },
                { key: "org", header: t("users.org"), cell: (u) => u.org.name },
                {
                  key: "role",
                  header: t("users.role"),
                  cell: (u) => (
                    <span className="flex flex-wrap gap-1">
                      {label(roleLabels, u.role)}
                      {u.isOrgAdmin && <Badge tone="blue">{t("users.orgAdmin")}</Badge>}
                    </span>
                  ),
                },
                {
                  key: "status",
                  header: t("users.status"),
                  cell: (u) => (
                    <span className="flex flex-wrap gap-1">
                      <Badge tone={u.status === "active" ? "green" : u.status === "invited" ? "blue" : "neutral"}>
                        {label(statusLabels, u.status)}
                      </Badge>
                      {u.locked && <Badge tone="red">{t("users.locked")}</Badge>}
                    </span>
                  ),
                },
                { key: "tfa", header: t("users.twoFactor"), cell: (u) => (u.twoFactorEnabled ? t("users.on") : t("users.off")) },
              ]}
            />
            <Pager
              offset={offset}
              limit={limit}
              total={data.total ?? data.items.length}
              onChange={page}
              filtered={Object.values(filter).some(Boolean)}
            />
          </>
        )}
      </QueryState>
    </>
  );
}
