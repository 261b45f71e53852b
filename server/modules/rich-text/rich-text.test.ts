import { beforeAll, describe, expect, it } from "vitest";
import { type TestEnv, testEnv } from "../../platform/testing/harness.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

describe("formatted-text preview", () => {
  it("renders headings, lists and tables with the published pages' renderer, and drops scripts", async () => {
    const abu = await env.as("abu@example.jp");
    const text = "## 議題\n- 標準化\n\n| 団体 | 状況 |\n| --- | --- |\n| 阿武町 | 完了 |\n<script>alert(1)</script>";
    const res = await abu.post("/api/rich-text/preview", { text });
    expect(res.status).toBe(200);
    expect(res.body.html).toContain("<h2>議題</h2>");
    expect(res.body.html).toContain("<li>標準化</li>");
    expect(res.body.html).toMatch(/<table>[\s\S]*<th>団体<\/th>[\s\S]*<td>阿武町<\/td>/);
    expect(res.body.html).not.toContain("<script");
  });

  it("answers 401 without a session and 400 for an oversized text", async () => {
    expect((await env.anon.post("/api/rich-text/preview", { text: "a" })).status).toBe(401);
    const abu = await env.as("abu@example.jp");
    const big = await abu.post("/api/rich-text/preview", { text: "あ".repeat(200_001) });
    expect(big.status).toBe(400);
    expect(big.body.error.details.issues[0].message).toContain("200,000文字");
  });
});
