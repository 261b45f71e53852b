import { beforeAll, describe, expect, it } from "vitest";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { uniqueNames } from "./files.js";
import { japanesePdf, officeZip } from "./test-files.js";

let env: TestEnv;
let pdf: Buffer;
beforeAll(async () => {
  env = await testEnv({ UPLOAD_MAX_MB: "1" });
  pdf = await japanesePdf(["標準準拠システムへの移行手順書", "住民記録システムの移行"]);
});

const meta = (over: Record<string, string> = {}) => ({
  area: "shared",
  title: "移行手順書",
  kind: "guideline",
  fiscalYear: "2025",
  source: "総務省",
  tags: "標準化, ガバメントクラウド",
  ...over,
});
const pdfPart = (name = "手順書.pdf", data: Buffer = pdf) => ({
  name,
  data,
  type: "application/pdf",
});

async function uploadAs(email: string, fields = meta(), files = [pdfPart()]) {
  return (await env.as(email)).postForm("/api/documents", fields, files);
}

describe("documents: upload, versions, metadata", () => {
  it("uploads to the shared area (audited) with metadata; the PDF text becomes searchable", async () => {
    const res = await uploadAs("secretariat@example.jp");
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: "移行手順書",
      kind: "guideline",
      fiscalYear: 2025,
      tags: ["標準化", "ガバメントクラウド"],
      area: { bodyId: null, name: "共有" },
      currentVersion: 1,
      file: { name: "手順書.pdf", previewable: true },
    });
    expect((await lastAudit(env, "document.create"))?.subject_id).toBe(res.body.id);
    await env.worker.runOnce();
    const detail = await (await env.as("abu@example.jp")).get(`/api/documents/${res.body.id}`);
    expect(detail.body.versions[0].textStatus).toBe("done");
    expect(detail.body.abilities.canEdit).toBe(false);
    const hits = await (await env.as("abu@example.jp")).get(
      `/api/search?q=${encodeURIComponent("住民記録システム")}&kinds=document`,
    );
    expect(hits.body.items.map((i: { refId: string }) => i.refId)).toContain(res.body.id);
  });

  it("extracts Word text at upload", async () => {
    const docx = await officeZip({
      "[Content_Types].xml":
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      "word/document.xml": "<w:document><w:body><w:p><w:r><w:t>戸籍事務の共同化について</w:t></w:r></w:p></w:body></w:document>",
    });
    const res = await uploadAs("secretariat@example.jp", meta({ title: "共同化検討メモ" }), [
      { name: "memo.docx", data: docx, type: "application/octet-stream" },
    ]);
    expect(res.status).toBe(201);
    await env.worker.runOnce();
    const hits = await (await env.as("abu@example.jp")).get(`/api/search?q=${encodeURIComponent("戸籍事務")}`);
    expect(hits.body.items.map((i: { refId: string }) => i.refId)).toContain(res.body.id);
  });

  it("keeps earlier versions downloadable", async () => {
    const { body: doc } = await uploadAs("secretariat@example.jp", meta({ title: "版管理の資料" }));
    const sec = await env.as("secretariat@example.jp");
    const v2pdf = await japanesePdf(["第2版です"]);
    const res = await sec.postForm(`/api/documents/${doc.id}/versions`, { note: "誤字修正" }, [pdfPart("手順書_v2.pdf", v2pdf)]);
    expect(res.status).toBe(201);
    expect(res.body.currentVersion).toBe(2);
    expect(res.body.versions.map((v: { version: number; note: string }) => [v.version, v.note])).toEqual([
      [2, "誤字修正"],
      [1, ""],
    ]);
    expect((await lastAudit(env, "document.addVersion"))?.subject_id).toBe(doc.id);
    const abu = await env.as("abu@example.jp");
    const v1 = await env.app.inject({ url: `/api/documents/${doc.id}/versions/1/file`, headers: { cookie: abu.cookie } });
    expect(v1.statusCode).toBe(200);
    expect(v1.rawPayload.equals(pdf)).toBe(true);
    expect(String(v1.headers["content-disposition"])).toMatch(/^attachment/);
    const cur = await env.app.inject({
      url: `/api/documents/${doc.id}/versions/current/file?inline=1`,
      headers: { cookie: abu.cookie },
    });
    expect(cur.rawPayload.equals(v2pdf)).toBe(true);
    expect(String(cur.headers["content-disposition"])).toMatch(/^inline/);
    expect((await abu.get(`/api/documents/${doc.id}/versions/9/file`)).status).toBe(404);
  });

  it("edits metadata (audited) and deletes", async () => {
    const { body: doc } = await uploadAs("secretariat@example.jp", meta({ title: "消す資料" }));
    const sec = await env.as("secretariat@example.jp");
    const patched = await sec.patch(`/api/documents/${doc.id}`, { title: "消す資料（改）", tags: ["RPA"] });
    expect(patched.body.tags).toEqual(["RPA"]);
    expect(JSON.parse((await lastAudit(env, "document.update"))!.changes!).title).toEqual(["消す資料", "消す資料（改）"]);
    expect((await (await env.as("abu@example.jp")).patch(`/api/documents/${doc.id}`, { title: "x" })).status).toBe(403);
    expect((await sec.delete(`/api/documents/${doc.id}`)).status).toBe(200);
    expect((await lastAudit(env, "document.delete"))?.subject_id).toBe(doc.id);
    expect((await sec.get(`/api/documents/${doc.id}`)).status).toBe(404);
  });

  it("refuses bad input without leaving anything behind", async () => {
    const before = (await env.database.db.selectFrom("files").select("id").execute()).length;
    const noTitle = await uploadAs("secretariat@example.jp", meta({ title: "" }));
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.error.details.issues[0].path).toBe("title");
    const badYear = await uploadAs("secretariat@example.jp", meta({ fiscalYear: "R7" }));
    expect(badYear.status).toBe(400);
    const exe = await uploadAs("secretariat@example.jp", meta(), [
      { name: "x.exe", data: Buffer.from("MZ\x90\x00"), type: "application/x-msdownload" },
    ]);
    expect(exe.status).toBe(415);
    const big = await uploadAs("secretariat@example.jp", meta(), [
      { name: "big.csv", data: Buffer.alloc(1_100_000, "a"), type: "text/csv" },
    ]);
    expect(big.status).toBe(413);
    const none = await uploadAs("secretariat@example.jp", meta(), []);
    expect(none.status).toBe(400);
    expect((await env.database.db.selectFrom("files").select("id").execute()).length).toBe(before);
  });
});

describe("documents: access follows the body", () => {
  let rpaDoc: string;
  beforeAll(async () => {
    const res = await uploadAs("secretariat@example.jp", meta({ area: env.demo.bodies.wgRpa, title: "RPA共同調達の仕様案" }));
    expect(res.status).toBe(201);
    rpaDoc = res.body.id;
  });

  it("401 / 403 / 404 on every kind of route", async () => {
    expect((await env.anon.get("/api/documents")).status).toBe(401);
    expect((await env.anon.get(`/api/documents/${rpaDoc}`)).status).toBe(401);
    expect((await env.anon.get(`/api/documents/zip?ids=${rpaDoc}`)).status).toBe(401);
    expect((await env.anon.get("/api/document-folders?area=shared")).status).toBe(401);
    // A municipality may not upload to the shared area (the secretariat's), and an observer nowhere.
    expect((await uploadAs("abu@example.jp")).status).toBe(403);
    expect((await uploadAs("observer@example.jp", meta({ area: env.demo.bodies.council }))).status).toBe(403);
    // 上関町 is not in the RPA WG: the document does not exist for it.
    const kami = await env.as("kaminoseki@example.jp");
    expect((await kami.get(`/api/documents/${rpaDoc}`)).status).toBe(404);
    expect((await kami.get(`/api/documents/${rpaDoc}/versions/1/file`)).status).toBe(404);
    expect((await kami.get(`/api/documents/zip?ids=${rpaDoc}`)).status).toBe(404);
    expect((await kami.patch(`/api/documents/${rpaDoc}`, { title: "x" })).status).toBe(404);
    expect((await kami.delete(`/api/documents/${rpaDoc}`)).status).toBe(404);
    expect((await kami.get(`/api/documents?area=${env.demo.bodies.wgRpa}`)).body.items).toEqual([]);
    expect((await kami.get("/api/documents")).body.items.map((d: { id: string }) => d.id)).not.toContain(rpaDoc);
    const search = await kami.get(`/api/search?q=${encodeURIComponent("RPA共同調達")}`);
    expect(search.body.items).toEqual([]);
  });

  it("lets a member organisation upload to its body's area and edit only its own documents", async () => {
    const member = (
      await env.database.db
        .selectFrom("body_members as m")
        .innerJoin("users as u", "u.org_id", "m.org_id")
        .select("u.email")
        .where("m.body_id", "=", env.demo.bodies.wgRpa)
        .where("u.role", "=", "municipal")
        .executeTakeFirstOrThrow()
    ).email;
    const own = await uploadAs(member, meta({ area: env.demo.bodies.wgRpa, title: "自団体のRPA事例" }));
    expect(own.status).toBe(201);
    expect(own.body.abilities.canEdit).toBe(true);
    expect((await (await env.as(member)).patch(`/api/documents/${rpaDoc}`, { title: "x" })).status).toBe(403);
  });

  it("downloads several as one ZIP", async () => {
    const a = (await uploadAs("secretariat@example.jp", meta({ title: "A" }))).body.id;
    const b = (await uploadAs("secretariat@example.jp", meta({ title: "B" }))).body.id;
    const abu = await env.as("abu@example.jp");
    const res = await env.app.inject({ url: `/api/documents/zip?ids=${a},${b}`, headers: { cookie: abu.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/zip");
    expect(res.rawPayload.subarray(0, 2).toString()).toBe("PK");
    expect(res.rawPayload.includes(Buffer.from("手順書 (2).pdf"))).toBe(true);
    expect((await lastAudit(env, "document.downloadZip"))?.actor_user_id).toBe(env.demo.users["abu@example.jp"]);
    expect(uniqueNames(["a.pdf", "A.pdf", "a.pdf"])).toEqual(["a.pdf", "A (2).pdf", "a (3).pdf"]);
  });
});

describe("documents: folders", () => {
  it("creates, renames and deletes only empty folders; municipalities cannot manage the shared area", async () => {
    const sec = await env.as("secretariat@example.jp");
    const created = await sec.post("/api/document-folders", { area: "shared", name: "令和7年度" });
    expect(created.status).toBe(201);
    expect((await lastAudit(env, "folder.create"))?.subject_id).toBe(created.body.id);
    expect((await sec.post("/api/document-folders", { area: "shared", name: "令和7年度" })).status).toBe(409);
    expect((await (await env.as("abu@example.jp")).post("/api/document-folders", { area: "shared", name: "x" })).status).toBe(
      403,
    );
    expect((await env.anon.post("/api/document-folders", { area: "shared", name: "x" })).status).toBe(401);
    const kami = await env.as("kaminoseki@example.jp");
    expect((await kami.get(`/api/document-folders?area=${env.demo.bodies.wgRpa}`)).status).toBe(400);

    const doc = await uploadAs("secretariat@example.jp", meta({ title: "フォルダ内", folderId: created.body.id }));
    expect(doc.body.folder.name).toBe("令和7年度");
    const list = await (await env.as("abu@example.jp")).get("/api/document-folders?area=shared");
    expect(list.body.items[0]).toMatchObject({ name: "令和7年度", documentCount: 1 });
    expect(list.body.abilities).toEqual({ canUpload: false, canManageFolders: false });
    expect((await sec.delete(`/api/document-folders/${created.body.id}`)).status).toBe(409);
    expect((await sec.patch(`/api/document-folders/${created.body.id}`, { name: "R7" })).body.name).toBe("R7");
    expect((await lastAudit(env, "folder.rename"))?.subject_id).toBe(created.body.id);
    await sec.patch(`/api/documents/${doc.body.id}`, { folderId: null });
    expect((await sec.delete(`/api/document-folders/${created.body.id}`)).status).toBe(200);
    expect((await lastAudit(env, "folder.delete"))?.subject_id).toBe(created.body.id);
  });
});
