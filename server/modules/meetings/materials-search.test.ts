import { beforeAll, describe, expect, it } from "vitest";
import { type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { makeMeeting, samplePdf } from "./test-support.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

const found = async (email: string, q: string) => {
  const res = await (await env.as(email)).get(`/api/search?q=${encodeURIComponent(q)}&kinds=meeting`);
  expect(res.status).toBe(200);
  return (res.body.items as { refId: string; link: string }[]).map((i) => i.refId);
};

describe("meeting materials in search", () => {
  it("finds a members-only meeting's material for its members only, and no longer once deleted", async () => {
    const sec = await env.as("secretariat@example.jp");
    // RPA等共同利用WG is members-only: 阿武町 is a member, 上関町 is not.
    const m = await makeMeeting(env, env.demo.bodies.wgRpa);
    const up = await sec.postForm(`/api/meetings/${m.id}/materials`, { title: "共同調達仕様書案（帳票読取）" }, [
      { name: "spec.pdf", data: await samplePdf("A", 1) },
    ]);
    expect(up.status).toBe(201);
    const materialId = up.body.materials[0].id as string;
    // While the meeting is a draft, its materials are not the members' yet.
    expect(await found("abu@example.jp", "共同調達仕様書案")).toEqual([]);
    expect((await sec.post(`/api/meetings/${m.id}/announce`)).status).toBe(200);
    expect(await found("abu@example.jp", "共同調達仕様書案")).toEqual([m.id]);
    expect(await found("secretariat@example.jp", "帳票読取")).toEqual([m.id]);
    expect(await found("kaminoseki@example.jp", "共同調達仕様書案")).toEqual([]);
    // Renamed: found by the new title only.
    await sec.patch(`/api/meetings/${m.id}/materials/${materialId}`, { title: "共同調達仕様書（確定版）" });
    expect(await found("abu@example.jp", "仕様書案")).toEqual([]);
    expect(await found("abu@example.jp", "確定版")).toEqual([m.id]);
    expect((await sec.delete(`/api/meetings/${m.id}/materials/${materialId}`)).status).toBe(200);
    expect(await found("abu@example.jp", "確定版")).toEqual([]);
  });
});
