import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { indexEntry, removeEntry, type SearchScope } from "./index-entry.js";

/**
 * One- and two-character words: answered from the trigram vocabulary on SQLite (0502) and from the index
 * of characters and pairs on PostgreSQL (0920). Whatever the index proposes, a hit is exactly an entry
 * whose own text contains the word, that the searcher may see, and it follows every write of the entry.
 */
let env: TestEnv;
const plant = (refId: string, text: string, scope: SearchScope = { type: "all" }, date = "2025-06-01") =>
  indexEntry(env.ctx, { kind: "document", refId, title: `短語 ${refId}`, text, date, link: `/x/${refId}`, scope });

const ids = async (q: string, email = "abu@example.jp") => {
  const res = await (await env.as(email)).get(`/api/search?q=${encodeURIComponent(q)}&limit=100`);
  expect(res.status).toBe(200);
  return (res.body as { items: { refId: string }[] }).items
    .map((i) => i.refId)
    .filter((r) => r.startsWith("sw-"))
    .sort();
};

beforeAll(async () => {
  env = await testEnv();
  // Two neighbours, inserted one after the other: 鳥 ends one entry and 獣 begins the next.
  await plant("sw-end", "山間部の農地に出る鳥", { type: "all" }, "2025-06-02");
  await plant("sw-start", "獣道の調査を行った", { type: "all" }, "2025-06-03");
  await plant("sw-both", "鳥獣被害対策の補助金", { type: "all" }, "2025-06-04");
  await plant("sw-split", "野鳥\n獣医 と 鳥 獣", { type: "all" }, "2025-06-05");
  await plant("sw-latin", "Ｘ線検査とAIの活用", { type: "all" }, "2025-06-06");
  await plant("sw-kana", "ゆるキャラの企画", { type: "all" }, "2025-06-07");
  await plant("sw-private", "周南市だけの漁港の件", { type: "org", orgId: env.demo.orgs.周南市! }, "2025-06-08");
  // Enough other entries for the engines' statistics to see most pairs as rare.
  for (let i = 0; i < 60; i++) await plant(`other-${i}`, `標準化の進捗 その${i}`);
  if (env.database.engine === "postgres") await sql`ANALYZE search_entries`.execute(env.database.db);
});

describe("search: one- and two-character words", () => {
  it("finds exactly the entries whose own text holds the word, never across entries or line breaks", async () => {
    expect(await ids("鳥獣")).toEqual(["sw-both"]);
    expect(await ids("鳥")).toEqual(["sw-both", "sw-end", "sw-split"]);
    expect(await ids("獣")).toEqual(["sw-both", "sw-split", "sw-start"]);
    expect(await ids("獣道")).toEqual(["sw-start"]);
    expect(await ids("ゆる")).toEqual(["sw-kana"]);
    expect(await ids("x")).toEqual(["sw-latin"]); // full-width Ｘ folded by NFKC, case ignored
    expect(await ids("ai")).toEqual(["sw-latin"]);
  });

  it("gives nothing for an absent word, and each word of a query must be in the same entry", async () => {
    expect(await ids("漁協")).toEqual([]);
    expect(await ids("鯨")).toEqual([]);
    expect(await ids("鳥 道")).toEqual([]);
    expect(await ids("獣 道")).toEqual(["sw-start"]);
  });

  it("shows an organisation's entry only to those who may see it", async () => {
    expect(await ids("漁港", "abu@example.jp")).toEqual([]);
    expect(await ids("漁", "abu@example.jp")).toEqual([]);
    expect(await ids("漁港", "shunan@example.jp")).toEqual(["sw-private"]);
    expect(await ids("漁", "shunan@example.jp")).toEqual(["sw-private"]);
  });

  it("follows the entry's writes: replaced text and removed entries are no longer found", async () => {
    await plant("sw-moved", "雪害の報告");
    expect(await ids("雪害")).toEqual(["sw-moved"]);
    await plant("sw-moved", "雨量の報告");
    expect(await ids("雪害")).toEqual([]);
    expect(await ids("雨")).toEqual(["sw-moved"]);
    await removeEntry(env.ctx, "document", "sw-moved");
    expect(await ids("雨")).toEqual([]);
  });
});
