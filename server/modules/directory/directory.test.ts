import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DirectoryReport } from "../../../shared/api/directory.js";
import { loadConfig } from "../../config.js";
import { startSession } from "../../platform/auth/session.js";
import { AppError } from "../../platform/errors.js";
import { enqueue } from "../../platform/jobs/queue.js";
import { scheduleRecurring } from "../../platform/jobs/recurring.js";
import { auditMark, auditSince, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { startSlapd, type TestSlapd } from "../../platform/testing/slapd.js";
import { formatReport } from "./report.js";
import { DIRECTORY_JOB, syncDirectory } from "./service.js";

const BASE = "dc=pref,dc=example";
const person = (uid: string, attrs: Record<string, string>) =>
  [
    `dn: uid=${uid},ou=people,${BASE}`,
    "objectClass: inetOrgPerson",
    `uid: ${uid}`,
    `cn: ${uid}`,
    `sn: ${uid}`,
    ...Object.entries(attrs).map(([k, v]) => `${k}: ${v}`),
  ].join("\n");

// The prefecture's directory: a read-only account, people with 所属 (ou), 役職 (title) and their
// organisation's code (departmentNumber), and two groups.
const LDIF = [
  `dn: ${BASE}\nobjectClass: dcObject\nobjectClass: organization\ndc: pref\no: Yamaguchi Prefecture`,
  `dn: ou=people,${BASE}\nobjectClass: organizationalUnit\nou: people`,
  `dn: ou=groups,${BASE}\nobjectClass: organizationalUnit\nou: groups`,
  `dn: cn=renkei-reader,${BASE}\nobjectClass: organizationalRole\nobjectClass: simpleSecurityObject\ncn: renkei-reader\nuserPassword: reader-secret`,
  person("tanaka", {
    displayName: "田中 一郎",
    mail: "Tanaka@pref.example.jp",
    ou: "情報政策課",
    title: "主査",
    departmentNumber: "350001",
  }),
  person("sato", {
    displayName: "佐藤 花子",
    mail: "sato@ube.example.jp",
    ou: "デジタル推進課",
    title: "主任",
    departmentNumber: "352021",
  }),
  // Already registered in Renkei (demo seed, 山口市): linked, not created.
  person("ouchi", {
    displayName: "大内 健一",
    mail: "yamaguchi2@example.jp",
    ou: "情報政策課",
    title: "係長",
    departmentNumber: "352039",
  }),
  person("nobody", { displayName: "無所属 太郎", mail: "nobody@pref.example.jp" }),
  person("elsewhere", { displayName: "他県 次郎", mail: "jiro@other.example.jp", departmentNumber: "999999" }),
  person("nomail", { displayName: "宛先 なし", departmentNumber: "350001" }),
  `dn: cn=renkei-secretariat,ou=groups,${BASE}\nobjectClass: groupOfNames\ncn: renkei-secretariat\nmember: uid=tanaka,ou=people,${BASE}\nmember: cn=renkei-reader,${BASE}`,
  `dn: cn=town-admins,ou=groups,${BASE}\nobjectClass: groupOfNames\ncn: town-admins\nmember: uid=sato, ou=people, ${BASE}`,
].join("\n\n");

let slapd: TestSlapd;
let env: TestEnv;

beforeAll(async () => {
  slapd = await startSlapd(`${LDIF}\n`, BASE);
  env = await testEnv({
    LDAP_URL: slapd.url,
    LDAP_ALLOW_PLAIN: "true",
    LDAP_BIND_DN: `cn=renkei-reader,${BASE}`,
    LDAP_BIND_PASSWORD: "reader-secret",
    LDAP_BASE_DN: BASE,
    LDAP_USER_FILTER: "(objectClass=inetOrgPerson)",
    LDAP_DEPARTMENT_ATTRIBUTE: "ou",
    LDAP_ORG_ATTRIBUTE: "departmentNumber",
    LDAP_GROUP_FILTER: "(objectClass=groupOfNames)",
    // The same rule language as OIDC_<ID>_RULES.
    LDAP_RULES: "groups=renkei-secretariat => org=350001, role=secretariat; groups=town-admins => orgAdmin",
  });
});
afterAll(async () => {
  await slapd?.close();
});

const userByEmail = (email: string) =>
  env.database.db
    .selectFrom("users")
    .innerJoin("orgs", "orgs.id", "users.org_id")
    .select([
      "users.id",
      "users.name",
      "users.role",
      "users.is_org_admin",
      "users.status",
      "users.department",
      "users.title",
      "orgs.lg_code",
    ])
    .where("users.email", "=", email)
    .executeTakeFirst();
const snapshot = async () => ({
  users: await env.database.db.selectFrom("users").selectAll().orderBy("id").execute(),
  identities: await env.database.db.selectFrom("user_identities").selectAll().orderBy("subject").execute(),
});

describe("directory sync from slapd", () => {
  it("is the secretariat's: 401 without a session, 403 for a town's clerk", async () => {
    expect((await env.anon.post("/api/directory/dry-run")).status).toBe(401);
    expect((await (await env.as("yamaguchi@example.jp")).post("/api/directory/dry-run")).status).toBe(403);
    const status = await (await env.as("secretariat@example.jp")).get("/api/directory");
    expect(status.body).toMatchObject({ configured: true, url: slapd.url, baseDn: BASE, intervalMinutes: null });
  });

  it("a dry run reports who would be created, updated and left out, and changes nothing", async () => {
    const before = await snapshot();
    const mark = await auditMark(env);
    const res = await (await env.as("secretariat@example.jp")).post("/api/directory/dry-run");
    expect(res.status).toBe(200);
    const r = res.body as DirectoryReport;
    expect(r.dryRun).toBe(true);
    expect(r.read).toBe(6);
    expect(r.created.map((c) => [c.email, c.orgCode, c.role, c.isOrgAdmin, c.department, c.title]).sort()).toEqual([
      ["sato@ube.example.jp", "352021", "municipal", true, "デジタル推進課", "主任"],
      ["tanaka@pref.example.jp", "350001", "secretariat", false, "情報政策課", "主査"],
    ]);
    expect(r.updated).toEqual([
      expect.objectContaining({
        email: "yamaguchi2@example.jp",
        linked: true,
        changes: { department: { before: "", after: "情報政策課" }, title: { before: "", after: "係長" } },
      }),
    ]);
    expect(r.disabled).toEqual([]);
    expect(r.unmapped.map((u) => [u.email, u.reason, u.orgCode]).sort()).toEqual([
      [null, "no_email", null],
      ["jiro@other.example.jp", "no_org", "999999"],
      ["nobody@pref.example.jp", "no_org", null],
    ]);
    expect(await snapshot()).toEqual(before);
    expect(await auditSince(env, mark, "directory.sync")).toEqual([]);
    // The CLI's printout names the same people.
    const text = formatReport(r);
    expect(text).toContain("試行");
    expect(text).toContain("tanaka@pref.example.jp");
    expect(text).toContain("nobody@pref.example.jp");
  });

  it("the first sync creates people in the right organisations and roles and links the registered one, in one audited run", async () => {
    const mark = await auditMark(env);
    const secretariat = await env.as("secretariat@example.jp");
    const res = await secretariat.post("/api/directory/sync");
    expect(res.status).toBe(200);
    expect(res.body.dryRun).toBe(false);
    expect(await userByEmail("tanaka@pref.example.jp")).toMatchObject({
      name: "田中 一郎",
      role: "secretariat",
      is_org_admin: 0,
      status: "active",
      department: "情報政策課",
      title: "主査",
      lg_code: "350001",
    });
    expect(await userByEmail("sato@ube.example.jp")).toMatchObject({ role: "municipal", is_org_admin: 1, lg_code: "352021" });
    expect(await userByEmail("yamaguchi2@example.jp")).toMatchObject({
      lg_code: "352039",
      department: "情報政策課",
      title: "係長",
    });
    expect(await userByEmail("nobody@pref.example.jp")).toBeUndefined();
    expect(await userByEmail("jiro@other.example.jp")).toBeUndefined();
    const identities = await env.database.db.selectFrom("user_identities").selectAll().where("provider", "=", "ldap").execute();
    expect(identities).toHaveLength(3);

    const actor = env.demo.users["secretariat@example.jp"];
    expect((await auditSince(env, mark, "user.create")).map((a) => [a.actor, a.changes.email]).sort()).toEqual([
      [actor, "sato@ube.example.jp"],
      [actor, "tanaka@pref.example.jp"],
    ]);
    expect(await auditSince(env, mark, "user.update")).toEqual([
      expect.objectContaining({ actor, changes: expect.objectContaining({ via: "directory", linked: true }) }),
    ]);
    expect(await auditSince(env, mark, "directory.sync")).toEqual([
      expect.objectContaining({ actor, changes: { via: "admin", read: 6, created: 2, updated: 1, disabled: 0, unmapped: 3 } }),
    ]);
  });

  it("after ldapmodify the scheduled job updates the changed person and disables the one who left, never an unmanaged account", async () => {
    await slapd.modify(
      [
        `dn: uid=tanaka,ou=people,${BASE}\nchangetype: modify\nreplace: title\ntitle: 課長\n-\nreplace: displayName\ndisplayName: 田中 一朗`,
        `dn: cn=renkei-secretariat,ou=groups,${BASE}\nchangetype: modify\ndelete: member\nmember: uid=tanaka,ou=people,${BASE}`,
        `dn: cn=town-admins,ou=groups,${BASE}\nchangetype: modify\nreplace: member\nmember: uid=ouchi,ou=people,${BASE}`,
        `dn: uid=sato,ou=people,${BASE}\nchangetype: delete`,
      ].join("\n\n"),
    );
    const sato = (await userByEmail("sato@ube.example.jp"))!;
    await startSession(env.ctx, sato.id, true); // signed in through single sign-on before leaving
    const sessionsOf = (id: string) => env.database.db.selectFrom("sessions").select("id").where("user_id", "=", id).execute();
    expect(await sessionsOf(sato.id)).toHaveLength(1);
    const unmanaged = (await userByEmail("abu2@example.jp"))!;
    const mark = await auditMark(env);
    await enqueue(env.ctx, DIRECTORY_JOB, {});
    expect(await env.worker.runOnce()).toBe(1);

    expect(await userByEmail("tanaka@pref.example.jp")).toMatchObject({
      name: "田中 一朗",
      title: "課長",
      role: "municipal",
      lg_code: "350001",
      status: "active",
    });
    expect(await userByEmail("sato@ube.example.jp")).toMatchObject({ status: "disabled" });
    expect(await sessionsOf(sato.id)).toEqual([]);
    expect(await userByEmail("yamaguchi2@example.jp")).toMatchObject({ is_org_admin: 1, status: "active" });
    expect(await userByEmail("abu2@example.jp")).toEqual(unmanaged);
    expect(await userByEmail("secretariat@example.jp")).toMatchObject({ status: "active" });

    expect(await auditSince(env, mark, "user.disable")).toEqual([
      { actor: null, subject: { type: "user", id: sato.id }, changes: { via: "directory", reason: "left the directory" } },
    ]);
    const updates = await auditSince(env, mark, "user.update");
    expect(updates.map((u) => Object.keys(u.changes).sort())).toEqual(
      expect.arrayContaining([
        ["linked", "name", "role", "title", "via"],
        ["is_org_admin", "linked", "via"],
      ]),
    );
    expect((await auditSince(env, mark, "directory.sync"))[0]!.changes).toMatchObject({ via: "job", disabled: 1, updated: 2 });

    // Nothing changed since: the next run writes no account rows.
    const again = await syncDirectory(env.ctx, { dryRun: false });
    expect([again.created, again.updated, again.disabled]).toEqual([[], [], []]);
    expect(again.unchanged).toBe(2); // tanaka, ouchi

    // Back in the directory, the disabled account is reported, not enabled behind the secretariat's back.
    await slapd.modify(
      `dn: uid=sato,ou=people,${BASE}\nchangetype: add\nobjectClass: inetOrgPerson\nuid: sato\ncn: sato\nsn: sato\nmail: sato@ube.example.jp\ndepartmentNumber: 352021`,
    );
    // 大内 is re-created in the directory (a new entryUUID, as after a migration): relinked, not disabled.
    const ouchi = (await userByEmail("yamaguchi2@example.jp"))!;
    await slapd.modify(
      [
        `dn: uid=ouchi,ou=people,${BASE}\nchangetype: delete`,
        `dn: uid=ouchi,ou=people,${BASE}\nchangetype: add\nobjectClass: inetOrgPerson\nuid: ouchi\ncn: ouchi\nsn: ouchi\ndisplayName: 大内 健一\nmail: yamaguchi2@example.jp\nou: 情報政策課\ntitle: 係長\ndepartmentNumber: 352039`,
      ].join("\n\n"),
    );
    const back = await syncDirectory(env.ctx, { dryRun: false });
    expect(back.created).toEqual([]);
    expect(back.disabled).toEqual([]);
    expect(back.updated).toEqual([expect.objectContaining({ userId: ouchi.id, linked: true, changes: {} })]);
    expect(await userByEmail("yamaguchi2@example.jp")).toEqual(ouchi);
    const links = await env.database.db.selectFrom("user_identities").select("subject").where("user_id", "=", ouchi.id).execute();
    expect(links).toHaveLength(1);
    expect(back.unmapped).toContainEqual({
      dn: `uid=sato,ou=people,${BASE}`,
      email: "sato@ube.example.jp",
      reason: "disabled",
      orgCode: "352021",
    });
    expect(await userByEmail("sato@ube.example.jp")).toMatchObject({ status: "disabled" });
  });

  it("a wrong bind password is a clear error, audited, and changes nothing", async () => {
    const before = await snapshot();
    const mark = await auditMark(env);
    const config = { ...env.config, directory: { ...env.config.directory!, bindPassword: "wrong" } };
    const error = await syncDirectory({ ...env.ctx, config }, { dryRun: false }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.status).toBe(502);
    expect(error.message).toContain("LDAP_BIND_PASSWORD");
    expect(await snapshot()).toEqual(before);
    expect(await auditSince(env, mark, "directory.syncFailed")).toEqual([
      expect.objectContaining({ changes: { dryRun: false, error: error.message } }),
    ]);
    expect(await auditSince(env, mark, "directory.sync")).toEqual([]);
  });

  it("is scheduled every LDAP_SYNC_INTERVAL_MINUTES on the interval's boundaries, and not at all without it", async () => {
    const jobs = () =>
      env.database.db
        .selectFrom("jobs")
        .select(["run_at", "dedupe_key"])
        .where("kind", "=", DIRECTORY_JOB)
        .where("status", "=", "queued")
        .execute();
    await scheduleRecurring(env.ctx, new Date("2026-04-01T00:10:00Z"));
    expect(await jobs()).toEqual([]);
    const config = { ...env.config, directory: { ...env.config.directory!, intervalMinutes: 30 } };
    const at = new Date("2026-04-01T00:10:00Z");
    await scheduleRecurring({ db: env.ctx.db, config }, at);
    await scheduleRecurring({ db: env.ctx.db, config }, at); // a second instance names the same run
    const queued = await jobs();
    expect(queued).toHaveLength(1);
    expect(new Date(queued[0]!.run_at).toISOString()).toBe("2026-04-01T00:30:00.000Z");
  });

  it("an unreachable directory answers the secretariat with what to check", async () => {
    const config = { ...env.config, directory: { ...env.config.directory!, url: "ldap://127.0.0.1:1", timeoutSeconds: 2 } };
    const error = await syncDirectory({ ...env.ctx, config }, { dryRun: true }).catch((e) => e);
    expect(error.message).toContain("LDAP_URL");
  });
});

describe("LDAP_* configuration", () => {
  it("reports each problem by variable and takes the OIDC rule language", () => {
    expect(() => loadConfig({ LDAP_URL: "ldap://dir.pref.example", LDAP_RULES: "groups=x => org=12" })).toThrow(
      /LDAP_BIND_DN: is required/,
    );
    let message = "";
    try {
      loadConfig({
        LDAP_URL: "ldap://dir.pref.example",
        LDAP_BIND_DN: "cn=r",
        LDAP_BIND_PASSWORD: "p",
        LDAP_BASE_DN: "dc=x",
        LDAP_RULES: "groups=x => org=12",
      });
    } catch (e) {
      message = String(e);
    }
    expect(message).toContain("LDAP_RULES");
    expect(message).toContain("LDAP_URL: must be ldaps://");
    expect(loadConfig({}).directory).toBeUndefined();
  });
});
