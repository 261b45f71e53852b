import type { DirectoryReport } from "../../../shared/api/directory.js";
import type { RoleName } from "../../../shared/api/roles.js";
import type { DirectoryConfig } from "../../config-directory.js";
import { mapClaims } from "../sso/index.js";
import type { UserRow } from "../users/index.js";
import type { DirectoryPerson } from "./ldap.js";

/** An account as the sync compares it. */
export interface Account {
  id: string;
  email: string;
  name: string;
  org_id: string;
  org_name: string;
  role: RoleName;
  is_org_admin: number;
  status: "active" | "invited" | "disabled";
  department?: string;
  title?: string;
}

export interface Org {
  id: string;
  name: string;
}

/** What a sync writes, beside its report. */
export interface SyncPlan {
  report: DirectoryReport;
  create: {
    subject: string;
    email: string;
    name: string;
    orgId: string;
    role: RoleName;
    isOrgAdmin: boolean;
    department: string;
    title: string;
  }[];
  /** link: the account is linked to this entry (a registered account, or one whose old entry was replaced: relinkFrom). */
  update: {
    userId: string;
    subject: string;
    link: boolean;
    relinkFrom: string | null;
    patch: Partial<Pick<UserRow, (typeof compared)[number]>>;
  }[];
  disable: { userId: string }[];
}

const compared = ["email", "name", "org_id", "role", "is_org_admin", "department", "title"] as const;

/**
 * Compares the directory with the accounts: each person is found by the directory's id (an account the
 * directory manages), else by address (a pre-registered account, then linked); mapped with the one
 * mapping of sign-in (sso/mapping.ts); created, brought in line, or left alone with a reason. Accounts
 * the directory manages that it no longer lists are disabled; accounts it never managed are never touched.
 */
export function planSync(
  c: DirectoryConfig,
  people: DirectoryPerson[],
  managed: (Account & { subject: string })[],
  byEmail: Map<string, Account & { managedBy: string | null }>,
  orgs: Map<string, Org>,
  dryRun: boolean,
): SyncPlan {
  const plan: SyncPlan = {
    report: { dryRun, read: people.length, created: [], updated: [], disabled: [], unmapped: [], unchanged: 0 },
    create: [],
    update: [],
    disable: [],
  };
  const bySubject = new Map(managed.map((m) => [m.subject, m]));
  const seen = new Set<string>();
  const listed = new Set(people.map((p) => p.id));
  const relinked = new Set<string>();
  const emails = new Set<string>();
  const orgNameById = new Map([...orgs.values()].map((o) => [o.id, o.name]));
  for (const p of people) {
    const skip = (reason: DirectoryReport["unmapped"][number]["reason"], orgCode: string | null = null) =>
      plan.report.unmapped.push({ dn: p.dn, email: p.email, reason, orgCode });
    if (seen.has(p.id)) {
      skip("duplicate");
      continue;
    }
    seen.add(p.id);
    if (!p.email) {
      skip("no_email");
      continue;
    }
    if (emails.has(p.email)) {
      skip("duplicate");
      continue;
    }
    emails.add(p.email);
    const mapped = mapClaims(c, p.claims);
    const org = mapped.orgCode ? orgs.get(mapped.orgCode) : undefined;
    if (!org) {
      skip("no_org", mapped.orgCode);
      continue;
    }
    const holder = byEmail.get(p.email);
    let user: Account | undefined = bySubject.get(p.id);
    let link = false;
    let relinkFrom: string | null = null;
    if (!user && holder) {
      // An account whose own entry is still listed belongs to that entry; one whose entry is gone was re-created in the directory.
      if (holder.managedBy !== null && listed.has(holder.managedBy)) {
        skip("conflict", mapped.orgCode);
        continue;
      }
      user = holder;
      link = true;
      relinkFrom = holder.managedBy;
      if (relinkFrom) relinked.add(relinkFrom);
    } else if (user && holder && holder.id !== user.id) {
      skip("conflict", mapped.orgCode); // the new address belongs to another account
      continue;
    }
    const name = p.name ?? p.email;
    const wanted = {
      email: p.email,
      name,
      org_id: org.id,
      role: mapped.role,
      is_org_admin: mapped.orgAdmin ? 1 : 0,
      department: p.department,
      title: p.title,
    };
    if (!user) {
      const created = {
        subject: p.id,
        email: p.email,
        name,
        orgId: org.id,
        role: mapped.role,
        isOrgAdmin: mapped.orgAdmin,
        department: p.department,
        title: p.title,
      };
      plan.create.push(created);
      plan.report.created.push({ ...created, orgCode: mapped.orgCode!, orgName: org.name });
      continue;
    }
    if (user.status === "disabled") {
      skip("disabled", mapped.orgCode); // stays disabled until someone enables it; the report says so
      continue;
    }
    const patch: SyncPlan["update"][number]["patch"] = {};
    const changes: Record<string, { before: string | number | null; after: string | number | null }> = {};
    for (const k of compared) {
      const before = user[k] ?? "";
      if (before === wanted[k]) continue;
      Object.assign(patch, { [k]: wanted[k] });
      changes[k] =
        k === "org_id"
          ? { before: user.org_name, after: orgNameById.get(org.id) ?? org.name }
          : { before: before as string | number, after: wanted[k] };
    }
    if (!link && !Object.keys(patch).length) {
      plan.report.unchanged++;
      continue;
    }
    plan.update.push({ userId: user.id, subject: p.id, link, relinkFrom, patch });
    plan.report.updated.push({ userId: user.id, email: p.email, name, linked: link, changes });
  }
  for (const m of managed) {
    if (seen.has(m.subject) || relinked.has(m.subject) || m.status === "disabled") continue;
    plan.disable.push({ userId: m.id });
    plan.report.disabled.push({ userId: m.id, email: m.email, name: m.name });
  }
  return plan;
}
