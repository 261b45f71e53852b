import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { jst, makeMeeting } from "./test-support.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

async function announced(over: Record<string, unknown> = {}) {
  const sec = await env.as("secretariat@example.jp");
  const m = await makeMeeting(env, env.demo.bodies.council, over);
  await sec.post(`/api/meetings/${m.id}/announce`);
  return { m, sec };
}

describe("attendance", () => {
  it("each member organisation answers for itself; the roll lists every organisation of the body", async () => {
    const { m } = await announced();
    const abu = await env.as("abu@example.jp");
    const abuOrg = env.demo.orgs.阿武町!;
    const res = await abu.put(`/api/meetings/${m.id}/attendance/${abuOrg}`, {
      mode: "online",
      attendees: ["阿武 由美", "奈古 誠"],
      note: "",
    });
    expect(res.status).toBe(200);
    const row = res.body.items.find((i: { org: { id: string } }) => i.org.id === abuOrg);
    expect(row).toMatchObject({ mode: "online", attendees: ["阿武 由美", "奈古 誠"] });
    // The prefecture, 19 municipalities and the ministry's observer.
    expect(res.body.items).toHaveLength(21);
    expect(res.body.counts.online).toBe(1);
    const audit = await lastAudit(env, "attendance.answer");
    expect(audit?.subject_id).toBe(m.id);
    expect(JSON.parse(audit!.changes!).orgId).toBe(abuOrg);
    const noNames = await abu.put(`/api/meetings/${m.id}/attendance/${abuOrg}`, { mode: "in_person", attendees: [] });
    expect(noNames.status).toBe(400);
    expect(noNames.body.error.details.issues[0].path).toBe("attendees");
  });

  it("401 signed out, 403 for another organisation's answer, 404 on a members-only body", async () => {
    const { m } = await announced();
    const shunanOrg = env.demo.orgs.周南市!;
    expect((await env.anon.put(`/api/meetings/${m.id}/attendance/${shunanOrg}`, { mode: "absent" })).status).toBe(401);
    expect((await env.anon.get(`/api/meetings/${m.id}/attendance`)).status).toBe(401);
    const abu = await env.as("abu@example.jp");
    expect((await abu.put(`/api/meetings/${m.id}/attendance/${shunanOrg}`, { mode: "absent" })).status).toBe(403);
    expect((await abu.put(`/api/meetings/${m.id}/attendance/${shunanOrg}/roll`, { present: true })).status).toBe(403);
    expect((await abu.get(`/api/meetings/${m.id}/attendance.csv`)).status).toBe(403);
    const sec = await env.as("secretariat@example.jp");
    const rpa = await makeMeeting(env, env.demo.bodies.wgRpa);
    await sec.post(`/api/meetings/${rpa.id}/announce`);
    const kaminoseki = await env.as("kaminoseki@example.jp");
    const own = env.demo.orgs.上関町!;
    expect((await kaminoseki.put(`/api/meetings/${rpa.id}/attendance/${own}`, { mode: "absent" })).status).toBe(404);
    expect((await kaminoseki.get(`/api/meetings/${rpa.id}/attendance`)).status).toBe(404);
  });

  it("refuses an answer after the cut-off, and the secretariat takes the roll", async () => {
    const { m, sec } = await announced({ attendanceDeadline: jst(-1, 17), proposalDeadline: jst(-2, 17) });
    const abu = await env.as("abu@example.jp");
    const abuOrg = env.demo.orgs.阿武町!;
    const late = await abu.put(`/api/meetings/${m.id}/attendance/${abuOrg}`, { mode: "absent" });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain("回答期限");
    const rows = await env.database.db.selectFrom("meeting_attendance").select("id").where("meeting_id", "=", m.id).execute();
    expect(rows).toHaveLength(0);
    const roll = await sec.put(`/api/meetings/${m.id}/attendance/${abuOrg}/roll`, { present: true });
    expect(roll.status).toBe(200);
    expect(roll.body.items.find((i: { org: { id: string } }) => i.org.id === abuOrg).present).toBe(true);
    expect((await lastAudit(env, "attendance.roll"))?.subject_id).toBe(m.id);
  });

  it("exports the list as CSV (UTF-8 with BOM) and XLSX", async () => {
    const { m, sec } = await announced();
    const abu = await env.as("abu@example.jp");
    await abu.put(`/api/meetings/${m.id}/attendance/${env.demo.orgs.阿武町}`, { mode: "in_person", attendees: ["阿武 由美"] });
    const csv = await env.app.inject({
      method: "GET",
      url: `/api/meetings/${m.id}/attendance.csv`,
      headers: { cookie: sec.cookie },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.body).toContain("阿武町,構成員,会場で出席,阿武 由美");
    const xlsx = await env.app.inject({
      method: "GET",
      url: `/api/meetings/${m.id}/attendance.xlsx`,
      headers: { cookie: sec.cookie },
    });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("出欠")!;
    const values = ws
      .getSheetValues()
      .flat()
      .filter((v) => typeof v === "string");
    expect(values).toContain("阿武町");
    expect(values).toContain("会場で出席");
    expect(values[0]).toBe(m.name);
  });
});
