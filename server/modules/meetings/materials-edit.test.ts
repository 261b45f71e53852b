import { beforeAll, describe, expect, it } from "vitest";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { makeMeeting, samplePdf } from "./test-support.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

const labels = (d: { materials: { label: string; title: string }[] }) => d.materials.map((x) => `${x.label}:${x.title}`);

describe("materials on screen: rename, move, reorder, delete", () => {
  it("renames, moves to another item and reorders, with audit rows; a town only touches its own", async () => {
    const sec = await env.as("secretariat@example.jp");
    const abu = await env.as("abu@example.jp");
    const m = await makeMeeting(env, env.demo.bodies.council);
    const first = (await sec.post(`/api/meetings/${m.id}/agenda`, { title: "国の動向", minutesRequested: 15 })).body;
    const second = (await sec.post(`/api/meetings/${m.id}/agenda`, { title: "窓口DX", minutesRequested: 15 })).body;
    const [item1, item2] = second.agenda.map((a: { id: string }) => a.id) as [string, string];
    expect(first.agenda).toHaveLength(1);
    await sec.postForm(`/api/meetings/${m.id}/materials`, { agendaItemId: item2 }, [
      { name: "概要.pdf", data: await samplePdf("A", 1) },
      { name: "詳細.pdf", data: await samplePdf("B", 1) },
    ]);
    const up = await sec.postForm(`/api/meetings/${m.id}/materials`, {}, [{ name: "名簿.pdf", data: await samplePdf("C", 1) }]);
    expect(labels(up.body)).toEqual(["資料1-1:概要", "資料1-2:詳細", "参考資料1:名簿"]);
    const [overview, detail, roster] = up.body.materials.map((x: { id: string }) => x.id) as [string, string, string];

    const renamed = await sec.patch(`/api/meetings/${m.id}/materials/${roster}`, { title: "出席者名簿" });
    expect(renamed.status).toBe(200);
    const moved = await sec.patch(`/api/meetings/${m.id}/materials/${roster}`, { agendaItemId: item1 });
    expect(labels(moved.body)).toContain("資料1:出席者名簿");
    const audit = await lastAudit(env, "material.update");
    expect(JSON.parse(audit!.changes!)).toMatchObject({ agenda_item_id: [null, item1] });

    const ordered = await sec.put(`/api/meetings/${m.id}/materials/order`, { materialIds: [detail, overview] });
    expect(ordered.status).toBe(200);
    expect(labels(ordered.body)).toEqual(["資料1:出席者名簿", "資料2-1:詳細", "資料2-2:概要"]);
    expect((await lastAudit(env, "material.order"))?.subject_id).toBe(m.id);

    // Bad input and other people's materials.
    expect((await sec.put(`/api/meetings/${m.id}/materials/order`, { materialIds: [detail, detail] })).status).toBe(400);
    expect((await sec.patch(`/api/meetings/${m.id}/materials/${roster}`, { title: "" })).status).toBe(400);
    // The draft meeting's materials are not shown to members yet: 404, as for anything they may not see.
    expect((await abu.patch(`/api/meetings/${m.id}/materials/${roster}`, { title: "x" })).status).toBe(404);
    expect((await abu.put(`/api/meetings/${m.id}/materials/order`, { materialIds: [roster] })).status).toBe(403);
    expect((await env.anon.patch(`/api/meetings/${m.id}/materials/${roster}`, { title: "x" })).status).toBe(401);

    const deleted = await sec.delete(`/api/meetings/${m.id}/materials/${overview}`);
    expect(labels(deleted.body)).toEqual(["資料1:出席者名簿", "資料2:詳細"]);
    expect(JSON.parse((await lastAudit(env, "material.delete"))!.changes!)).toMatchObject({ title: "概要" });
  });
});
