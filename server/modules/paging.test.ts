import { beforeAll, describe, expect, it } from "vitest";
import { type TestEnv, testEnv } from "../platform/testing/harness.js";
import { japanesePdf } from "./documents/test-files.js";
import { jst, makeMeeting } from "./meetings/test-support.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
  // Enough rows in each list for a full page, a short last page and an empty page past the end.
  const sec = await env.as("secretariat@example.jp");
  for (const title of ["国の動向（一）", "国の動向（二）", "国の動向（三）"]) {
    const { id } = (await sec.post("/api/notices", { category: "national", title, bodyMd: "本文", links: [] })).body;
    expect((await sec.post(`/api/notices/${id}/publish`, {})).status).toBe(200);
  }
  const abu = await env.as("abu@example.jp");
  for (const subject of ["標準化の移行時期", "RPAの共同調達", "オンライン申請の様式"])
    expect((await abu.post("/api/consultations", { category: "other", subject, body: "ご教示ください。" })).status).toBe(201);
  for (const title of ["ベンダーが期限に間に合わない", "移行費用の補助", "RPAの保守"])
    expect((await abu.post("/api/challenges", { title, description: "ご相談です。", theme: "住民記録" })).status).toBe(201);
  for (const day of [20, 30, 40])
    await makeMeeting(env, env.demo.bodies.council, { startsAt: jst(day, 14), endsAt: jst(day, 16) });
  const pdf = await japanesePdf(["移行手順書"]);
  for (const title of ["移行手順書（一）", "移行手順書（二）", "移行手順書（三）"]) {
    const fields = { area: "shared", title, kind: "guideline", fiscalYear: "2025", source: "総務省", tags: "" };
    expect(
      (await sec.postForm("/api/documents", fields, [{ name: "手順書.pdf", data: pdf, type: "application/pdf" }])).status,
    ).toBe(201);
  }
});

/**
 * A list's `total` counts the whole filtered list on every page (shared/api/paging.ts), whether it
 * came from the page itself (a short page) or from a count query (a full page, or past the end).
 */
describe.each([
  ["notices", "abu@example.jp", "/api/notices?"],
  ["consultations", "secretariat@example.jp", "/api/consultations?status=all&"],
  ["notifications", "abu@example.jp", "/api/notifications?"],
  ["audit", "secretariat@example.jp", "/api/audit?"],
  ["challenges", "abu@example.jp", "/api/challenges?"],
  ["documents", "abu@example.jp", "/api/documents?"],
  ["meetings", "secretariat@example.jp", "/api/meetings?"],
])("paging of %s", (_name, who, url) => {
  it("gives the whole list's total on a full page, a short page and past the end", async () => {
    const u = await env.as(who);
    const all = await u.get(`${url}limit=500&offset=0`);
    expect(all.status).toBe(200);
    const n: number = all.body.total;
    expect(n).toBeGreaterThanOrEqual(3);
    expect(all.body.items).toHaveLength(n);
    const ids = all.body.items.map((i: { id: string }) => i.id);
    const pages: [limit: number, offset: number][] = [
      [1, 0],
      [2, n - 1],
      [n, 0],
      [n + 1, 0],
      [2, n],
      [2, n + 5],
    ];
    for (const [limit, offset] of pages) {
      const page = await u.get(`${url}limit=${limit}&offset=${offset}`);
      expect(page.status).toBe(200);
      expect({ limit, offset, total: page.body.total }).toEqual({ limit, offset, total: n });
      expect(page.body.items.map((i: { id: string }) => i.id)).toEqual(ids.slice(offset, offset + limit));
    }
  });
});
