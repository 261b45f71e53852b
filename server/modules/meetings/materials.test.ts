import { extractText, getDocumentProxy } from "unpdf";
import { beforeAll, describe, expect, it } from "vitest";
import yauzl from "yauzl";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { makeMeeting, samplePdf } from "./test-support.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ UPLOAD_MAX_MB: "1" });
});

const zipEntries = (buf: Buffer) =>
  new Promise<string[]>((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const names: string[] = [];
      zip.on("entry", (e) => {
        names.push(e.fileName);
        zip.readEntry();
      });
      zip.on("end", () => resolve(names));
      zip.readEntry();
    });
  });

async function agendaMeeting() {
  const sec = await env.as("secretariat@example.jp");
  const abu = await env.as("abu@example.jp");
  const m = await makeMeeting(env, env.demo.bodies.council);
  await sec.post(`/api/meetings/${m.id}/agenda`, { title: "国の動向について", presenter: "事務局", minutesRequested: 15 });
  const p = (
    await abu.post(`/api/meetings/${m.id}/proposals`, {
      title: "阿武町における窓口DXの取組",
      presenter: "阿武町",
      minutesRequested: 20,
    })
  ).body;
  const detail = (await sec.post(`/api/meetings/${m.id}/agenda/${p.id}/decision`, { decision: "accept" })).body;
  return { m, sec, abu, items: detail.agenda.map((a: { id: string }) => a.id) as string[] };
}

describe("materials", () => {
  it("numbers materials in agenda order, keeps earlier versions, and writes audit rows", async () => {
    const { m, sec, abu, items } = await agendaMeeting();
    const first = await sec.postForm(
      `/api/meetings/${m.id}/materials`,
      {
        agendaItemId: items[0]!,
        title: "国の動向（総務省資料）",
      },
      [{ name: "国の動向.pdf", data: await samplePdf("National", 2) }],
    );
    expect(first.status).toBe(201);
    expect((await lastAudit(env, "material.upload"))?.actor_user_id).toBe(env.demo.users["secretariat@example.jp"]);
    const two = await abu.postForm(`/api/meetings/${m.id}/materials`, { agendaItemId: items[1]! }, [
      { name: "窓口DX概要.pdf", data: await samplePdf("AbuA", 3) },
      { name: "窓口DX詳細.pdf", data: await samplePdf("AbuB", 1) },
    ]);
    expect(two.status).toBe(201);
    const ref = await sec.postForm(`/api/meetings/${m.id}/materials`, {}, [
      { name: "出席者名簿.csv", data: Buffer.from("団体,氏名\n阿武町,阿武 由美\n") },
    ]);
    expect(ref.status).toBe(201);
    const labels = ref.body.materials.map((x: { label: string; title: string }) => `${x.label}:${x.title}`);
    expect(labels).toEqual(["資料1:国の動向（総務省資料）", "資料2-1:窓口DX概要", "資料2-2:窓口DX詳細", "参考資料1:出席者名簿"]);

    const mat = ref.body.materials[1];
    const replaced = await abu.postForm(`/api/meetings/${m.id}/materials/${mat.id}/versions`, {}, [
      { name: "窓口DX概要_修正.pdf", data: await samplePdf("AbuA2", 2) },
    ]);
    expect(replaced.status).toBe(201);
    const after = replaced.body.materials.find((x: { id: string }) => x.id === mat.id);
    expect(after.version).toBe(2);
    expect(after.versions.map((v: { fileName: string }) => v.fileName)).toEqual(["窓口DX概要.pdf", "窓口DX概要_修正.pdf"]);
    expect((await lastAudit(env, "material.replace"))?.subject_id).toBe(mat.id);
    const v1 = await env.app.inject({
      method: "GET",
      url: `/api/meetings/${m.id}/materials/${mat.id}/file?version=1`,
      headers: { cookie: sec.cookie },
    });
    expect(v1.statusCode).toBe(200);
    expect(v1.headers["content-disposition"]).toContain(encodeURIComponent("資料2-1_窓口DX概要.pdf"));
  });

  it("denies: 401 signed out, 403 for a member on the meeting itself or another's item, 404 on a members-only body", async () => {
    const { m, abu, items } = await agendaMeeting();
    const pdf = await samplePdf("X", 1);
    expect((await env.anon.postForm(`/api/meetings/${m.id}/materials`, {}, [{ name: "a.pdf", data: pdf }])).status).toBe(401);
    expect((await abu.postForm(`/api/meetings/${m.id}/materials`, {}, [{ name: "a.pdf", data: pdf }])).status).toBe(403);
    expect(
      (await abu.postForm(`/api/meetings/${m.id}/materials`, { agendaItemId: items[0]! }, [{ name: "a.pdf", data: pdf }])).status,
    ).toBe(403);
    const observer = await env.as("observer@example.jp");
    expect((await observer.postForm(`/api/meetings/${m.id}/materials`, {}, [{ name: "a.pdf", data: pdf }])).status).toBe(403);
    const rpa = await makeMeeting(env, env.demo.bodies.wgRpa);
    const kaminoseki = await env.as("kaminoseki@example.jp");
    expect((await kaminoseki.postForm(`/api/meetings/${rpa.id}/materials`, {}, [{ name: "a.pdf", data: pdf }])).status).toBe(404);
    expect((await kaminoseki.get(`/api/meetings/${rpa.id}/materials.zip`)).status).toBe(404);
    expect((await kaminoseki.get(`/api/meetings/${rpa.id}/pack.pdf`)).status).toBe(404);
    expect((await env.anon.get(`/api/meetings/${m.id}/pack.pdf`)).status).toBe(401);
  });

  it("refuses a file over the limit or of a refused type with a clear message, keeping nothing", async () => {
    const { m, sec } = await agendaMeeting();
    const count = async () =>
      (await env.database.db.selectFrom("meeting_materials").select("id").where("meeting_id", "=", m.id).execute()).length;
    const big = await sec.postForm(`/api/meetings/${m.id}/materials`, {}, [
      { name: "big.pdf", data: Buffer.concat([await samplePdf("B", 1), Buffer.alloc(1024 * 1024 + 10)]) },
    ]);
    expect(big.status).toBe(413);
    expect(big.body.error.message).toContain("1MB以下");
    const exe = await sec.postForm(`/api/meetings/${m.id}/materials`, {}, [
      { name: "tool.exe", data: Buffer.concat([Buffer.from("MZ"), Buffer.alloc(400, 1)]) },
    ]);
    expect(exe.status).toBe(415);
    expect(exe.body.error.message).toContain("使える形式");
    const none = await sec.postForm(`/api/meetings/${m.id}/materials`, { title: "空" }, []);
    expect(none.status).toBe(400);
    expect(await count()).toBe(0);
  });

  it("downloads all materials as one ZIP and builds the meeting pack PDF with the Japanese agenda and every PDF page", async () => {
    const { m, sec, abu, items } = await agendaMeeting();
    await sec.postForm(
      `/api/meetings/${m.id}/materials`,
      {
        agendaItemId: items[0]!,
      },
      [{ name: "national.pdf", data: await samplePdf("National", 2) }],
    );
    await abu.postForm(
      `/api/meetings/${m.id}/materials`,
      {
        agendaItemId: items[1]!,
      },
      [{ name: "abu.pdf", data: await samplePdf("Abu", 3) }],
    );
    await sec.postForm(`/api/meetings/${m.id}/materials`, {}, [{ name: "memo.txt", data: Buffer.from("メモ") }]);
    expect((await sec.post(`/api/meetings/${m.id}/announce`)).status).toBe(200);

    const zip = await env.app.inject({
      method: "GET",
      url: `/api/meetings/${m.id}/materials.zip`,
      headers: { cookie: abu.cookie },
    });
    expect(zip.statusCode).toBe(200);
    expect(await zipEntries(zip.rawPayload)).toEqual(["資料1_national.pdf", "資料2_abu.pdf", "参考資料1_memo.txt"]);

    const res = await env.app.inject({ method: "GET", url: `/api/meetings/${m.id}/pack.pdf`, headers: { cookie: abu.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    const pdf = await getDocumentProxy(new Uint8Array(res.rawPayload));
    const { totalPages, text } = await extractText(pdf, { mergePages: false });
    expect(totalPages).toBe(1 + 2 + 3);
    const cover = text[0]!;
    expect(cover).toContain(m.name);
    expect(cover).toContain("国の動向について");
    expect(cover).toContain("阿武町における窓口DXの取組");
    expect(cover).toContain("資料2");
    expect(cover).toContain("場所");
    expect(text[1]).toContain("National page 1");
    expect(text[1]).toContain("資料1");
    expect(text[3]).toContain("Abu page 1");
    expect(text[5]).toContain("Abu page 3");
    expect(text[5]).toContain("資料2");
  }, 60_000); // subsetting the Japanese font and loading BudouX take a few seconds on a busy 2-core machine

  it("deletes a material with its audit row", async () => {
    const { m, sec, items } = await agendaMeeting();
    const up = await sec.postForm(
      `/api/meetings/${m.id}/materials`,
      {
        agendaItemId: items[0]!,
      },
      [{ name: "x.pdf", data: await samplePdf("X", 1) }],
    );
    const id = up.body.materials[0].id;
    const abu = await env.as("abu@example.jp");
    // Before the announcement a member sees only its own materials: someone else's is not there at all.
    expect((await abu.delete(`/api/meetings/${m.id}/materials/${id}`)).status).toBe(404);
    await sec.post(`/api/meetings/${m.id}/announce`);
    expect((await abu.delete(`/api/meetings/${m.id}/materials/${id}`)).status).toBe(403);
    const del = await sec.delete(`/api/meetings/${m.id}/materials/${id}`);
    expect(del.status).toBe(200);
    expect(del.body.materials).toEqual([]);
    expect((await lastAudit(env, "material.delete"))?.subject_id).toBe(id);
    expect((await sec.get(`/api/meetings/${m.id}/materials/${id}/file`)).status).toBe(404);
  });
});
