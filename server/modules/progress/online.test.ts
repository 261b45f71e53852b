import { beforeAll, describe, expect, it } from "vitest";
import { jstDate } from "../../../shared/dates/jst.js";
import { type Client, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { progressIds } from "./test-support.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

describe("online procedures on the dashboard: the national figure (マイナポータル) and the broad one", () => {
  it("returns both figures, and only a procedure via マイナポータル counts nationally", async () => {
    const ids = await progressIds(env);
    const programmeId = await ids.prog("online-procedures");
    const abu = await env.as("abu@example.jp");
    const abuOrg = env.demo.orgs.阿武町!;
    const dashboard = async (c: Client = abu) => (await c.get(`/api/progress/dashboard?programmeId=${programmeId}`)).body;

    const before = await dashboard();
    expect(before.online).toMatchObject({ counted: 19, noData: 0 });
    expect(before.online.national.complete).toBeLessThanOrEqual(before.online.broad.complete);
    // The broad figure agrees with the records' percentages (the heatmap): towns whose every cell is 100 %.
    const m = (await abu.get(`/api/progress/dashboard/matrix?programmeId=${programmeId}`)).body;
    const fullRows = m.cells.filter((row: (number | null)[]) => row.every((c) => c === 100 || c === null)).length;
    expect(before.online.broad.complete).toBe(fullRows);
    expect(before.online.broad.pct).toBeCloseTo((fullRows / 19) * 100, 2);

    const patch = async (itemId: string, step: Record<string, unknown>) => {
      const [stepId] = await ids.steps(itemId);
      const res = await abu.patch(`/api/progress/records/${abuOrg}/${itemId}`, { steps: [{ stepId, ...step }] });
      expect(res.status).toBe(200);
    };
    const today = jstDate();
    const itemIds: string[] = before.items.map((i: { id: string }) => i.id);
    for (const itemId of itemIds) await patch(itemId, { status: "done", actualDate: today, option: "マイナポータル" });
    const allMyna = (await dashboard()).online;
    expect(allMyna.national.complete).toBe(before.online.national.complete + 1);
    expect(allMyna.broad.complete).toBe(before.online.broad.complete + 1);

    // One procedure only through another e-application system: complete in the broad figure only.
    await patch(itemIds[0]!, { option: "その他の電子申請" });
    const oneOther = (await dashboard()).online;
    expect(oneOther.national.complete).toBe(before.online.national.complete);
    expect(oneOther.broad.complete).toBe(allMyna.broad.complete);

    // That procedure 対象外 for 阿武町: out of its targets, so it is complete nationally again.
    await patch(itemIds[0]!, { status: "not_applicable", actualDate: null, option: null });
    expect((await dashboard()).online.national.complete).toBe(allMyna.national.complete);

    // Everyone reads the same figures, e.g. the secretariat.
    expect((await dashboard(await env.as("secretariat@example.jp"))).online).toEqual((await dashboard()).online);
  });

  it("has no online figures for a programme without マイナポータル procedures; a past day has them (online-asof.test.ts)", async () => {
    const ids = await progressIds(env);
    const abu = await env.as("abu@example.jp");
    const std = (await abu.get(`/api/progress/dashboard?programmeId=${await ids.prog("standardisation")}`)).body;
    expect(std.online).toBeNull();
    const past = await abu.get(`/api/progress/dashboard?programmeId=${await ids.prog("online-procedures")}&asOf=2026-01-15`);
    expect(past.status).toBe(200);
    expect(past.body.online).toMatchObject({ counted: 19, noData: 0 });
  });

  it("a body's space counts complete towns as the national dashboard does, with the broad figure beside it", async () => {
    const ids = await progressIds(env);
    const programmeId = await ids.prog("online-procedures");
    const sec = await env.as("secretariat@example.jp");
    expect((await sec.patch(`/api/progress/programmes/${programmeId}`, { bodyId: env.demo.bodies.wgOnline })).status).toBe(200);
    const { online } = (await sec.get(`/api/progress/dashboard?programmeId=${programmeId}`)).body;
    const space = (await sec.get(`/api/bodies/${env.demo.bodies.wgOnline}/space`)).body;
    const p = space.programmes.find((x: { id: string }) => x.id === programmeId);
    expect(p).toMatchObject({
      complete: online.national.complete,
      completeAnyChannel: online.broad.complete,
      municipalities: 19,
    });
  });
});
