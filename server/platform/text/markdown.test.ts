import { describe, expect, it } from "vitest";
import { markdownToText, renderMarkdown } from "./markdown.js";

describe("the one Markdown renderer", () => {
  it("keeps headings, lists, tables and line breaks", () => {
    const html = renderMarkdown(
      "## 決定事項\n- 一つ目\n- 二つ目\n\n| 市町 | 状況 |\n|---|:-:|\n| 阿武町 | 完了 |\n\n一行目\n二行目",
    );
    expect(html).toContain("<h2>決定事項</h2>");
    expect(html).toContain("<li>二つ目</li>");
    expect(html).toMatch(/<table>[\s\S]*<th>市町<\/th>[\s\S]*<td align="center">完了<\/td>/);
    expect(html).toContain("一行目<br />二行目");
  });

  it("drops scripts, event handlers, styles and foreign schemes", () => {
    const html = renderMarkdown(
      '<script>alert(1)</script><img src="https://evil.example/x.png" onerror="alert(2)"><a href="javascript:alert(3)">x</a><p style="color:red" onclick="y()">p</p><iframe src="https://evil.example"></iframe>',
    );
    expect(html).not.toMatch(/script|onerror|onclick|javascript:|style=|iframe|evil\.example/);
  });

  it("opens links in a new tab without the opener, and allows only inline images", () => {
    expect(renderMarkdown("[手引き](https://www.digital.go.jp/)")).toBe(
      '<p><a href="https://www.digital.go.jp/" rel="noopener noreferrer" target="_blank">手引き</a></p>\n',
    );
    expect(renderMarkdown("![図](data:image/png;base64,iVBORw0KGgo=)")).toContain('src="data:image/png;base64,iVBORw0KGgo="');
  });
});

describe("Markdown as plain words (for search)", () => {
  it("drops headings, emphasis, bullets, table pipes and link targets, one block a line", () => {
    const text = markdownToText(
      "# 見出し\n\n**太字**と[リンク](https://example.jp)\n\n- 項目1\n- 項目2\n\n| 市町村 | 進捗 |\n|---|---|\n| 阿武町 | 50% |\n\n> 引用 a < b & c",
    );
    expect(text).toBe("見出し\n太字とリンク\n項目1\n項目2\n市町村 進捗\n阿武町 50%\n引用 a < b & c");
  });
});
