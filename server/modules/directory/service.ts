import type { DirectoryReport, DirectoryStatus } from "../../../shared/api/directory.js";
import type { DirectoryConfig } from "../../config-directory.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, nowIso } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { defineRecurring } from "../../platform/jobs/recurring.js";
import { defineJob } from "../../platform/jobs/worker.js";
import { authorize } from "../../platform/policy/authorize.js";
import { listOrgRows } from "../orgs/index.js";
import { deleteIdentity, identitiesWithUsers, insertIdentity } from "../sso/index.js";
import { deleteSessionsOf, insertNewUser, updateUserRow, usersByEmails } from "../users/index.js";
import { DirectoryError, readDirectory } from "./ldap.js";
import { type Account, planSync } from "./plan.js";
import "./policy.js";

/** The provider name of accounts the directory manages (user_identities.provider; subject: the entry's id). */
const DIRECTORY_PROVIDER = "ldap";

export function directoryStatus(ctx: Ctx): DirectoryStatus {
  authorize(ctx.actor, "directory.sync");
  const d = ctx.config.directory;
  return { configured: !!d, url: d?.url ?? null, baseDn: d?.baseDn ?? null, intervalMinutes: d?.intervalMinutes ?? null };
}

function configured(ctx: Ctx): DirectoryConfig {
  const d = ctx.config.directory;
  if (!d) throw new AppError("CONFLICT", "ディレクトリ同期は設定されていません（LDAP_URL ほか LDAP_* の環境変数）。");
  return d;
}

/** The secretariat's dry run or sync from the admin screen. */
export async function syncForActor(ctx: Ctx, dryRun: boolean): Promise<DirectoryReport> {
  authorize(ctx.actor, "directory.sync");
  return syncDirectory(ctx, { dryRun });
}

/**
 * Reads the directory (outside any transaction: the network is slow), then in ONE transaction compares
 * it with the accounts and, unless this is a dry run, creates, updates, links and disables accounts,
 * with an audit row per account and one for the sync. A dry run writes nothing. A directory that cannot
 * be read changes nothing; the failure is audited and answered with what to check.
 */
export async function syncDirectory(ctx: Ctx, opts: { dryRun: boolean; via?: string }): Promise<DirectoryReport> {
  const c = configured(ctx);
  let people: Awaited<ReturnType<typeof readDirectory>>;
  try {
    people = await readDirectory(c);
  } catch (e) {
    if (!(e instanceof DirectoryError)) throw e;
    await inTx(ctx, (tx) =>
      recordAudit(tx, "directory.syncFailed", { type: "directory", id: null }, { dryRun: opts.dryRun, error: e.message }),
    );
    throw new AppError("UPSTREAM_FAILED", e.message);
  }
  const compare = async (tx: Ctx) => {
    const managed = await identitiesWithUsers(tx, DIRECTORY_PROVIDER);
    const managedById = new Map(managed.map((m) => [m.id, m.subject]));
    const emails = [...new Set(people.map((p) => p.email).filter((e): e is string => !!e))];
    const byEmail = new Map(
      (await usersByEmails(tx, emails)).map((u) => [u.email, { ...u, managedBy: managedById.get(u.id) ?? null }]),
    );
    const orgs = new Map((await listOrgRows(tx, {})).flatMap((o) => (o.lg_code ? [[o.lg_code, o] as const] : [])));
    return planSync(c, people, managed as (Account & { subject: string })[], byEmail, orgs, opts.dryRun);
  };
  if (opts.dryRun) return (await compare(ctx)).report;

  return inTx(ctx, async (tx) => {
    const plan = await compare(tx);
    const now = nowIso();
    const via = opts.via ?? (ctx.actor ? "admin" : "job");
    for (const n of plan.create) {
      const id = await insertNewUser(tx, {
        email: n.email,
        name: n.name,
        role: n.role,
        orgId: n.orgId,
        isOrgAdmin: n.isOrgAdmin,
      });
      await updateUserRow(tx, id, { status: "active", department: n.department, title: n.title });
      await insertIdentity(tx, DIRECTORY_PROVIDER, n.subject, id, now);
      await recordAudit(tx, "user.create", { type: "user", id }, { via: "directory", ...n });
    }
    for (const u of plan.update) {
      if (Object.keys(u.patch).length) await updateUserRow(tx, u.userId, { ...u.patch, updated_at: now });
      if (u.relinkFrom) await deleteIdentity(tx, DIRECTORY_PROVIDER, u.relinkFrom);
      if (u.link) await insertIdentity(tx, DIRECTORY_PROVIDER, u.subject, u.userId, now);
      const r = plan.report.updated.find((x) => x.userId === u.userId)!;
      await recordAudit(tx, "user.update", { type: "user", id: u.userId }, { via: "directory", linked: u.link, ...r.changes });
    }
    for (const d of plan.disable) {
      await updateUserRow(tx, d.userId, { status: "disabled", updated_at: now });
      await deleteSessionsOf(tx, d.userId);
      await recordAudit(tx, "user.disable", { type: "user", id: d.userId }, { via: "directory", reason: "left the directory" });
    }
    const r = plan.report;
    await recordAudit(
      tx,
      "directory.sync",
      { type: "directory", id: null },
      {
        via,
        read: r.read,
        created: r.created.length,
        updated: r.updated.length,
        disabled: r.disabled.length,
        unmapped: r.unmapped.length,
      },
    );
    return r;
  });
}

export const DIRECTORY_JOB = "directory.sync";
defineJob(DIRECTORY_JOB, async (ctx) => {
  if (ctx.config.directory) await syncDirectory(ctx, { dryRun: false, via: "job" });
});
// Every LDAP_SYNC_INTERVAL_MINUTES, on the interval's boundaries (so every instance names the same run); off when unset.
defineRecurring(DIRECTORY_JOB, (now, config) => {
  const minutes = config.directory?.intervalMinutes;
  if (!minutes) return null;
  const step = minutes * 60_000;
  const at = new Date(Math.floor(now.getTime() / step) * step + step);
  return { at, key: at.toISOString() };
});
