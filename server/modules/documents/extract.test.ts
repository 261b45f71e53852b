import { describe, expect, it } from "vitest";
import { extractText, xmlToText } from "./extract.js";
import { japanesePdf, officeZip } from "./test-files.js";

describe("text extraction", () => {
  it("reads Japanese text out of a PDF", async () => {
    const text = await extractText(await japanesePdf(["ガバメントクラウド移行の手引き", "戸籍と税の標準化"]), "application/pdf");
    expect(text?.replace(/\s/g, "")).toContain("ガバメントクラウド移行の手引き");
    expect(text?.replace(/\s/g, "")).toContain("戸籍と税の標準化");
  });

  it("reads Word, Excel and PowerPoint XML in order", async () => {
    const docx = await officeZip({
      "word/document.xml":
        "<w:document><w:body><w:p><w:r><w:t>住民記録</w:t></w:r></w:p><w:p><w:r><w:t>A &amp; B</w:t></w:r></w:p></w:body></w:document>",
      "word/styles.xml": "<w:styles>無視</w:styles>",
    });
    expect(await extractText(docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")).toBe(
      "住民記録\nA & B",
    );
    const pptx = await officeZip({ "ppt/slides/slide10.xml": "<a:p>十</a:p>", "ppt/slides/slide2.xml": "<a:p>二</a:p>" });
    expect(await extractText(pptx, "application/vnd.openxmlformats-officedocument.presentationml.presentation")).toBe("二\n十");
    const xlsx = await officeZip({ "xl/sharedStrings.xml": "<sst><si><t>固定資産税</t></si></sst>" });
    expect(await extractText(xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).toBe("固定資産税");
  });

  it("has no text for images and decodes numeric entities", async () => {
    expect(await extractText(Buffer.from([0x89, 0x50]), "image/png")).toBeNull();
    expect(xmlToText("<t>&#x6238;&#31821;</t>")).toBe("戸籍");
  });
});
