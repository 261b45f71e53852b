import zlib from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { type TestEnv, testEnv } from "../testing/harness.js";
import { checkArchive } from "./archive.js";

/**
 * Zip bombs: a few hundred kilobytes that unpack to hundreds of megabytes. Built by hand (local
 * headers, central directory) so the sizes the archive declares can be honest or lies.
 */
const MB = 1024 * 1024;

/** Raw deflate of `mb` megabytes of zeros: one flushed 1 MB block repeated, then the final empty block. */
function deflatedZeros(mb: number): Buffer {
  const block = zlib.deflateRawSync(Buffer.alloc(MB), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  return Buffer.concat([...Array.from({ length: mb }, () => block), Buffer.from([0x03, 0x00])]);
}

interface Entry {
  name: string;
  data: Buffer;
  method: 0 | 8;
  size: number;
}

function zip(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.method === 0 ? zlib.crc32(e.data) : 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.method === 0 ? zlib.crc32(e.data) : 0, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const stored = (name: string, text: string): Entry => ({
  name,
  data: Buffer.from(text),
  method: 0,
  size: Buffer.byteLength(text),
});
const contentTypes = (main: string) =>
  stored(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${main}" ContentType="${
      main.startsWith("xl/")
        ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
        : "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    }"/></Types>`,
  );

/** An XLSX or DOCX whose one big part inflates to `mb` MB; `lie` declares 1 KB instead. */
function bomb(kind: "xlsx" | "docx", mb: number, lie = false): Buffer {
  const main = kind === "xlsx" ? "xl/workbook.xml" : "word/document.xml";
  const big = kind === "xlsx" ? "xl/worksheets/sheet1.xml" : "word/document.xml";
  const entries = [contentTypes(main)];
  if (kind === "xlsx") entries.push(stored(main, "<workbook/>"));
  entries.push({ name: big, data: deflatedZeros(mb), method: 8, size: lie ? 1024 : mb * MB });
  return zip(entries);
}

/** An archive with more entries than the budget allows, each empty. */
const manyEntries = (n: number) =>
  zip([contentTypes("xl/workbook.xml"), ...Array.from({ length: n }, (_, i) => stored(`xl/media/e${i}.xml`, ""))]);

describe("archive budgets", () => {
  it("refuses by declared size, by actual size when the headers lie, and by entry count; passes a normal archive", async () => {
    await expect(checkArchive(bomb("xlsx", 300), "表.xlsx")).rejects.toMatchObject({ status: 413 });
    const lying = await checkArchive(bomb("docx", 300, true), "文書.docx").catch((e) => e);
    expect(lying.status).toBeGreaterThanOrEqual(400);
    expect(lying.status).toBeLessThan(500);
    await expect(checkArchive(bomb("xlsx", 40), "x.xlsx", { maxEntries: 100, maxTotalBytes: 32 * MB })).rejects.toMatchObject({
      status: 413,
    });
    await expect(checkArchive(manyEntries(200), "x.xlsx", { maxEntries: 100, maxTotalBytes: MB })).rejects.toMatchObject({
      status: 413,
    });
    const fine = await checkArchive(bomb("xlsx", 2), "x.xlsx");
    expect(fine.entries).toBe(3);
    expect(fine.bytes).toBeGreaterThan(2 * MB);
  });
});

describe("zip bombs sent to every import and upload route", () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv();
  });

  it("are refused with a 4xx while /healthz keeps answering within 100 ms", async () => {
    const sec = await env.as("secretariat@example.jp");
    const files = [
      { name: "爆弾.xlsx", data: bomb("xlsx", 300) },
      { name: "偽り.xlsx", data: bomb("xlsx", 300, true) },
      { name: "爆弾.docx", data: bomb("docx", 300) },
      { name: "偽り.docx", data: bomb("docx", 300, true) },
    ];
    const documentFields = { area: "shared", title: "爆弾", kind: "guideline", fiscalYear: "2025", source: "", tags: "" };
    const routes: { url: string; fields: Record<string, string> }[] = [
      { url: "/api/progress/import", fields: { dryRun: "true" } },
      { url: "/api/orgs/import", fields: {} },
      { url: "/api/progress/definitions/import", fields: { dryRun: "true" } },
      { url: "/api/documents", fields: documentFields },
      { url: "/api/progress/evidence", fields: {} },
    ];
    const before = (await sec.get("/api/documents")).body;

    await env.app.inject({ method: "GET", url: "/healthz" }); // warm: the first request compiles the route's serialiser
    // /healthz is polled every 10 ms while the bombs are processed; each answer's time is kept.
    const times: number[] = [];
    const during: string[] = [];
    let current = "";
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const t = performance.now();
        const res = await env.app.inject({ method: "GET", url: "/healthz" });
        times.push(performance.now() - t);
        during.push(current);
        expect(res.statusCode).toBe(200);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const results: { url: string; file: string; status: number; message: string }[] = [];
    try {
      for (const r of routes)
        for (const f of files) {
          current = `${r.url} ${f.name}`;
          const res = await sec.postForm(r.url, r.fields, [f]);
          results.push({ url: r.url, file: f.name, status: res.status, message: res.body?.error?.message ?? "" });
        }
    } finally {
      polling = false;
      await poll;
    }
    for (const r of results) {
      expect(r.status, `${r.url} ${r.file}`).toBeGreaterThanOrEqual(400);
      expect(r.status, `${r.url} ${r.file}`).toBeLessThan(500);
      expect(r.message, `${r.url} ${r.file}`).not.toBe("");
    }
    // The honest bombs are named as too large to unpack on the routes that take archives.
    expect(results.find((r) => r.url === "/api/documents" && r.file === "爆弾.docx")?.message).toContain("展開すると");
    expect(results.find((r) => r.url === "/api/progress/import" && r.file === "爆弾.xlsx")?.message).toContain("展開すると");
    console.log(
      `/healthz during the bombs: ${times.length} answers, max ${Math.max(...times).toFixed(1)} ms (${during[times.indexOf(Math.max(...times))]})`,
    );
    expect(times.length).toBeGreaterThan(5);
    expect(Math.max(...times)).toBeLessThan(100);
    // Nothing was stored.
    expect((await sec.get("/api/documents")).body.total).toBe(before.total);
  }, 120_000);
});
