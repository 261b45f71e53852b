import { beforeAll, describe, expect, it } from "vitest";
import { auditMark, auditSince, type TestEnv, testEnv } from "../../platform/testing/harness.js";

let env: TestEnv;
let abuOrg: string;
let shunanOrg: string;
beforeAll(async () => {
  env = await testEnv();
  abuOrg = env.demo.orgs.阿武町!;
  shunanOrg = env.demo.orgs.周南市!;
});

const contact = {
  department: "総務課 情報政策係",
  person: "阿武 由美",
  phone: "08388-2-3111",
  email: "joho@town.abu.example.jp",
  address: "山口県阿武郡阿武町大字奈古2636",
};
const url = (org: string) => `/api/orgs/${org}/contact`;

describe("an organisation's contact data (問合せ先)", () => {
  it("is kept by the organisation's own administrator, with an audit row of what changed", async () => {
    const abu = await env.as("abu@example.jp");
    const mark = await auditMark(env);
    const res = await abu.put(url(abuOrg), contact);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(contact);
    const rows = await auditSince(env, mark, "org.contact.update");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.subject).toEqual({ type: "org", id: abuOrg });
    expect(rows[0]!.actor).toBe(env.demo.users["abu@example.jp"]);
    expect(rows[0]!.changes.phone).toEqual(["", "08388-2-3111"]);
    // Every member reads it (it is the town's 問合せ先).
    expect((await (await env.as("shunan@example.jp")).get(url(abuOrg))).body).toEqual(contact);
  });

  it("refuses another town's administrator, a plain member and a visitor, and bad input, changing nothing", async () => {
    const abu = await env.as("abu@example.jp");
    const shunanBefore = (await abu.get(url(shunanOrg))).body;
    const mark = await auditMark(env);
    expect((await abu.put(url(shunanOrg), contact)).status).toBe(403);
    expect((await (await env.as("abu2@example.jp")).put(url(abuOrg), { ...contact, person: "奈古 誠" })).status).toBe(403);
    expect((await env.anon.put(url(abuOrg), contact)).status).toBe(401);
    const bad = await abu.put(url(abuOrg), { ...contact, email: "not-an-address", phone: "電話" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(["email", "phone"]);
    expect((await (await env.as("secretariat@example.jp")).put(url(crypto.randomUUID()), contact)).status).toBe(404);
    expect((await abu.get(url(shunanOrg))).body).toEqual(shunanBefore);
    expect((await abu.get(url(abuOrg))).body.person).toBe(contact.person);
    expect(await auditSince(env, mark, "org.contact.update")).toHaveLength(0);
  });
});
