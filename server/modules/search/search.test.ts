import { beforeAll, describe, expect, it } from "vitest";
import { type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { indexEntry, removeEntry, type SearchScope } from "./index-entry.js";
import type { SearchKind } from "./tables.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

const plant = (
  refId: string,
  title: string,
  text: string,
  scope: SearchScope,
  kind: SearchKind = "document",
  date = "2025-06-01",
) => indexEntry(env.ctx, { kind, refId, title, text, date, link: `/x/${refId}`, scope });

const search = async (email: string, q: string, extra = "") => {
  const res = await (await env.as(email)).get(`/api/search?q=${encodeURIComponent(q)}&limit=100${extra}`);
  expect(res.status).toBe(200);
  return res.body as { items: { refId: string; kind: string; titleHtml: string; snippetHtml: string }[]; hasMore: boolean };
};

describe("search: Japanese substring matching", () => {
  beforeAll(async () => {
    await plant(
      "jp-1",
      "ガバメントクラウド移行に関する国の最新動向",
      "住民記録・税務・戸籍の標準化対応について。",
      { type: "all" },
      "notice",
      "2025-04-10",
    );
    await plant("jp-2", "ＲＰＡ導入事例", "ｶﾞﾊﾞﾒﾝﾄｸﾗｳﾄﾞ と 固定資産税 の事務", { type: "all" }, "challenge", "2025-05-20");
    await plant(
      "jp-3",
      "<script>alert(1)</script> 議事録",
      "会議で戸籍システムを議論した",
      { type: "all" },
      "meeting",
      "2024-12-01",
    );
  });

  it("finds words inside unspaced text with 1-, 2- and 4+-character queries", async () => {
    const ids = async (q: string) =>
      (await search("abu@example.jp", q)).items.map((i) => i.refId).filter((r) => r.startsWith("jp-"));
    expect(await ids("税")).toEqual(["jp-2", "jp-1"]);
    expect(await ids("戸籍")).toEqual(["jp-1", "jp-3"]);
    expect(await ids("クラウド")).toEqual(["jp-2", "jp-1"]); // half-width katakana folded by NFKC
    expect(await ids("rpa")).toEqual(["jp-2"]); // full-width and case folded
    expect(await ids("戸籍 議論")).toEqual(["jp-3"]); // terms are ANDed
    expect(await ids("住民記録 税")).toEqual(["jp-1"]); // a long and a short term together
    expect(await ids("存在しない言葉")).toEqual([]);
  });

  it("finds a short term at the very end of a text, takes % and _ literally and survives quotes", async () => {
    await plant("jp-5", "末尾の検証", "最後の文字が税", { type: "all" }, "document", "2020-01-01");
    await plant("jp-6", "記号の検証", "達成率100%と100_000件", { type: "all" }, "document", "2020-01-01");
    const ids = async (q: string) =>
      (await search("abu@example.jp", q)).items.map((i) => i.refId).filter((r) => r.startsWith("jp-"));
    expect(await ids("字が税")).toEqual(["jp-5"]);
    expect(await ids("税")).toContain("jp-5");
    expect(await ids("0%")).toEqual(["jp-6"]);
    expect(await ids("0_0")).toEqual(["jp-6"]);
    expect(await ids("1%0")).toEqual([]);
    expect(await ids('"税"')).toEqual([]);
    expect(await ids("鳥獣")).toEqual([]);
  });

  it("escapes HTML and marks matches in titles and snippets", async () => {
    const hit = (await search("abu@example.jp", "議事録")).items.find((i) => i.refId === "jp-3")!;
    expect(hit.titleHtml).toBe("&lt;script&gt;alert(1)&lt;/script&gt; <mark>議事録</mark>");
    const tax = (await search("abu@example.jp", "戸籍")).items.find((i) => i.refId === "jp-1")!;
    expect(tax.snippetHtml).toContain("<mark>戸籍</mark>");
    expect(tax.snippetHtml).not.toContain("<script");
  });

  it("shows formatted text as plain words in snippets, without Markdown marks", async () => {
    await plant(
      "jp-md",
      "書式つきの議事録",
      "## 決定事項\n\n**標準化**の移行計画を[県のページ](https://example.jp/plan)で共有する。\n\n| 市町村 | 進捗 |\n|---|---|\n| 阿武町 | 50% |",
      { type: "all" },
      "meeting",
    );
    const hit = (await search("abu@example.jp", "移行計画")).items.find((i) => i.refId === "jp-md")!;
    expect(hit.snippetHtml).toContain("決定事項 標準化の<mark>移行計画</mark>を県のページで共有する。");
    expect(hit.snippetHtml).toContain("阿武町 50%");
    for (const mark of ["**", "##", "|", "](", "https://"]) expect(hit.snippetHtml).not.toContain(mark);
  });

  it("filters by kind and by date", async () => {
    const kinds = await search("abu@example.jp", "戸籍", "&kinds=meeting");
    expect(kinds.items.map((i) => i.refId)).toEqual(["jp-3"]);
    const dated = await search("abu@example.jp", "税", "&from=2025-05-01&to=2025-12-31");
    expect(dated.items.map((i) => i.refId)).toEqual(["jp-2"]);
  });

  it("pages with hasMore instead of a total", async () => {
    const first = await (await env.as("abu@example.jp")).get("/api/search?q=%E7%A8%8E&limit=1");
    expect(first.body.items).toHaveLength(1);
    expect(first.body.hasMore).toBe(true);
  });

  it("reflects updates and removals", async () => {
    await plant("jp-4", "一時的な資料", "消える予定の文書", { type: "all" });
    expect((await search("abu@example.jp", "消える予定")).items).toHaveLength(1);
    await plant("jp-4", "一時的な資料", "書き換えた文書", { type: "all" });
    expect((await search("abu@example.jp", "消える予定")).items).toHaveLength(0);
    expect((await search("abu@example.jp", "書き換えた")).items).toHaveLength(1);
    await removeEntry(env.ctx, "document", "jp-4");
    expect((await search("abu@example.jp", "書き換えた")).items).toHaveLength(0);
  });

  it("answers 401 without a session and 400 for an empty or malformed query", async () => {
    expect((await env.anon.get("/api/search?q=%E7%A8%8E")).status).toBe(401);
    const abu = await env.as("abu@example.jp");
    const empty = await abu.get("/api/search?q=%20");
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.issues[0].path).toBe("querystring.q");
    expect((await abu.get("/api/search?q=x&kinds=secret")).status).toBe(400);
    expect((await abu.get("/api/search?q=x&from=2025-02-01&to=2025-01-01")).status).toBe(400);
  });
});
