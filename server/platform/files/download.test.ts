import { Readable } from "node:stream";
import Fastify from "fastify";
import { afterAll, describe, expect, it } from "vitest";
import { csvBytes, csvDownload } from "./csv.js";
import type { Download } from "./download.js";
import { sendDownload } from "./http.js";

/** The one route helper: every download route answers through it, so its headers are every download's headers. */
describe("sendDownload", () => {
  const app = Fastify();
  const downloads: Record<string, () => Download> = {
    csv: () =>
      csvDownload(
        csvBytes(
          [
            ["団体名", "回答"],
            ["阿武町", "済"],
          ],
          "sjis",
        ),
        '令和8年度 第1回 "協議会"_出欠.csv',
      ),
    pdf: () => ({
      filename: "資料2-1 窓口DX概要.pdf",
      contentType: "application/pdf",
      body: Readable.from([Buffer.from("%PDF-1.7\n"), Buffer.from("%%EOF\n")]),
      size: 15,
      inline: true,
    }),
    site: () => ({
      filename: "公開資料.pdf",
      contentType: "application/pdf",
      body: new Uint8Array([37, 80, 68, 70]),
      cache: "public",
    }),
  };
  app.get<{ Params: { kind: string } }>("/:kind", (req, reply) => sendDownload(reply, downloads[req.params.kind]!()));
  afterAll(() => app.close());

  const filenameStar = (h: unknown) => decodeURIComponent(/filename\*=UTF-8''([^;]+)$/.exec(String(h))![1]!);

  it("sends a Japanese name as RFC 5987 filename* with an ASCII fallback, nosniff and no-store", async () => {
    const res = await app.inject("/csv");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toBe(
      `attachment; filename="__8__ _1_ ______.csv"; filename*=UTF-8''${encodeURIComponent('令和8年度 第1回 "協議会"_出欠.csv')}`,
    );
    expect(filenameStar(res.headers["content-disposition"])).toBe('令和8年度 第1回 "協議会"_出欠.csv');
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.headers["content-type"]).toBe("text/csv; charset=Shift_JIS");
    expect(res.headers["x-text-encoding"]).toMatch(/Shift_JIS/);
    expect(res.headers["content-length"]).toBe(String(res.rawPayload.length));
  });

  it("streams a stored file with its length, inline when asked", async () => {
    const res = await app.inject("/pdf");
    expect(res.headers["content-disposition"]).toMatch(/^inline; filename="[^"]*\.pdf"; filename\*=UTF-8''/);
    expect(filenameStar(res.headers["content-disposition"])).toBe("資料2-1 窓口DX概要.pdf");
    expect(res.headers["content-length"]).toBe("15");
    expect(res.body).toBe("%PDF-1.7\n%%EOF\n");
    expect(res.headers["cache-control"]).toBe("no-store");
  });

  it("lets the public site's files be revalidated rather than never stored", async () => {
    const res = await app.inject("/site");
    expect(res.headers["cache-control"]).toBe("no-cache");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.rawPayload).toEqual(Buffer.from("%PDF"));
    expect(res.headers["content-length"]).toBe("4");
  });
});
