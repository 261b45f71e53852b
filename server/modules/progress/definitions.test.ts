import iconv from "iconv-lite";
import { beforeAll, describe, expect, it } from "vitest";
import * as XLSX from "xlsx";
import { auditMark, auditSince, type Client, lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { progressIds } from "./test-support.js";

let env: TestEnv;
let standard: string;
beforeAll(async () => {
  env = await testEnv();
  standard = await (await progressIds(env)).prog("standardisation");
});

const importCsv = (c: Client, csv: string, dryRun: boolean) =>
  c.postForm("/api/progress/definitions/import", { dryRun: String(dryRun) }, [{ name: "定義.csv", data: csv, type: "text/csv" }]);

describe("programme definitions", () => {
  it("lists the four seeded programmes to every member", async () => {
    const res = await (await env.as("observer@example.jp")).get("/api/progress/programmes");
    expect(res.body.items.map((p: { code: string }) => p.code)).toEqual([
      "standardisation",
      "online-procedures",
      "rpa",
      "digital-divide",
    ]);
    expect(res.body.items[0]).toMatchObject({
      itemCount: 20,
      exceptionLabel: expect.stringContaining("特定移行支援"),
      abilities: { canManage: false },
    });
    const detail = (await (await env.as("abu@example.jp")).get(`/api/progress/programmes/${standard}`)).body;
    expect(detail.items[0].steps).toHaveLength(12);
    expect((await env.anon.get("/api/progress/programmes")).status).toBe(401);
    expect((await (await env.as("abu@example.jp")).get(`/api/progress/programmes/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it("lets the secretariat define a programme, items, steps and metrics; others get 403", async () => {
    const abu = await env.as("abu@example.jp");
    expect((await abu.post("/api/progress/programmes", { code: "x", name: "x" })).status).toBe(403);
    expect((await env.anon.post("/api/progress/programmes", { code: "x", name: "x" })).status).toBe(401);
    const sec = await env.as("secretariat@example.jp");
    const p = await sec.post("/api/progress/programmes", { code: "gis", name: "GIS共同利用", deadline: "2027-03-31" });
    expect(p.status).toBe(201);
    expect((await lastAudit(env, "progressProgramme.create"))?.subject_id).toBe(p.body.id);
    expect((await sec.post("/api/progress/programmes", { code: "gis", name: "重複" })).status).toBe(409);
    expect((await sec.post("/api/progress/programmes", { code: "日本語", name: "x" })).body.error.details.issues[0].path).toBe(
      "code",
    );

    const item = await sec.post(`/api/progress/programmes/${p.body.id}/items`, {
      code: "map",
      name: "統合型GIS",
      tracking: "steps",
    });
    expect(item.status).toBe(201);
    const step = await sec.post(`/api/progress/items/${item.body.id}/steps`, { code: "1", name: "調達" });
    expect(step.status).toBe(201);
    expect((await lastAudit(env, "progressStep.create"))?.subject_id).toBe(step.body.steps[0].id);
    expect((await sec.post(`/api/progress/items/${item.body.id}/metrics`, { code: "m", name: "x" })).status).toBe(400);
    expect((await abu.post(`/api/progress/items/${item.body.id}/steps`, { code: "2", name: "x" })).status).toBe(403);
    expect((await sec.post(`/api/progress/items/${crypto.randomUUID()}/steps`, { code: "2", name: "x" })).status).toBe(404);

    // Every municipality gets a record at 0%; the dashboard shows the new programme.
    const dash = (await abu.get(`/api/progress/dashboard?programmeId=${p.body.id}`)).body;
    expect(dash.items).toHaveLength(1);
    expect(dash.orgs.map((o: { pct: number }) => o.pct)).toEqual(Array(19).fill(0));
    expect((await abu.get(`/api/progress/dashboard/matrix?programmeId=${p.body.id}`)).body.cells.flat()).toEqual(
      Array(19).fill(0),
    );
    const page = (await abu.get(`/api/progress/items/${item.body.id}`)).body;
    expect(page.rows).toHaveLength(19);
    expect(page.rows.find((r: { org: { name: string } }) => r.org.name === "阿武町").canEdit).toBe(true);
  });

  it("recomputes every record when a step is added or archived", async () => {
    const sec = await env.as("secretariat@example.jp");
    const ids = await progressIds(env);
    const item = await ids.item("standardisation", "02"); // 宇部市 has finished it
    const ube = env.demo.orgs.宇部市!;
    const pct = async () => (await sec.get(`/api/progress/records/${ube}/${item}`)).body.pct;
    expect(await pct()).toBe(100);
    const added = await sec.post(`/api/progress/items/${item}/steps`, { code: "13", name: "運用保守の見直し" });
    expect(added.status).toBe(201);
    expect(await pct()).toBeCloseTo(92.31, 2);
    const stepId = added.body.steps.find((s: { code: string }) => s.code === "13").id;
    const archived = await sec.patch(`/api/progress/steps/${stepId}`, { archived: true });
    expect(archived.status).toBe(200);
    expect(await pct()).toBe(100);
    expect((await (await env.as("abu@example.jp")).patch(`/api/progress/steps/${stepId}`, { name: "x" })).status).toBe(403);
    expect((await sec.patch(`/api/progress/steps/${crypto.randomUUID()}`, { name: "x" })).status).toBe(404);
  });

  it("archives an item out of the dashboard and changes a metric's target", async () => {
    const sec = await env.as("secretariat@example.jp");
    const ids = await progressIds(env);
    const divide = await ids.prog("digital-divide");
    const classes = await ids.item("digital-divide", "classes");
    const def = (await sec.get(`/api/progress/programmes/${divide}`)).body.items.find((i: { id: string }) => i.id === classes);
    const before = (await sec.get(`/api/progress/dashboard?programmeId=${divide}`)).body;
    const m = await sec.patch(`/api/progress/metrics/${def.metrics[0].id}`, { targetDefault: 1000 });
    expect(m.status).toBe(200);
    const after = (await sec.get(`/api/progress/dashboard?programmeId=${divide}`)).body;
    expect(after.items[0].pct).toBeLessThan(before.items[0].pct);
    const a = await sec.patch(`/api/progress/items/${classes}`, { archived: true });
    expect(a.body.archived).toBe(true);
    expect((await lastAudit(env, "progressItem.update"))?.subject_id).toBe(classes);
    const gone = (await sec.get(`/api/progress/dashboard?programmeId=${divide}`)).body;
    expect(gone.items).toHaveLength(1);
    expect(gone.trend.at(-1).pct).toBe(gone.overall);
  });

  it("imports definitions from CSV with a dry run, all or nothing", async () => {
    const sec = await env.as("secretariat@example.jp");
    const csv = [
      "programme_code,programme_name,item_code,item_name,item_group,tracking,code,name,phase,unit,target,options,item_deadline",
      "cloud,ガバメントクラウド接続,net,接続回線,,steps,1,回線調達,,,,,2027-03-31",
      "cloud,ガバメントクラウド接続,net,接続回線,,steps,2,接続試験,,,,,2027-03-31",
      "cloud,ガバメントクラウド接続,cost,運用経費,,metrics,yen,運用経費,,千円,1200,,",
    ].join("\n");
    const dry = await importCsv(sec, csv, true);
    expect(dry.body).toMatchObject({
      dryRun: true,
      programmes: { created: 1 },
      items: { created: 2 },
      steps: { created: 2 },
      metrics: { created: 1 },
      issues: [],
    });
    expect((await sec.get("/api/progress/programmes")).body.items.some((p: { code: string }) => p.code === "cloud")).toBe(false);
    const bad = await importCsv(sec, `${csv}\ncloud,x,net,接続回線,,steps,3,,,,abc,,2027-02-30`, false);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(["line 5", "line 5", "line 5"]);
    const mark = await auditMark(env);
    const ok = await importCsv(sec, csv, false);
    expect(ok.status).toBe(200);
    const cloud = (await sec.get("/api/progress/programmes")).body.items.find((p: { code: string }) => p.code === "cloud");
    expect(cloud.itemCount).toBe(2);
    expect(await auditSince(env, mark, "progressDefinition.import")).toEqual([
      {
        actor: env.demo.users["secretariat@example.jp"],
        subject: { type: "progress_programme", id: null },
        changes: { ...ok.body, issues: undefined },
      },
    ]);
    const again = await importCsv(sec, csv, false);
    expect(again.body).toMatchObject({ programmes: { created: 0, updated: 0 }, steps: { created: 0, updated: 0 } });
    const exported = await sec.get(`/api/progress/programmes/${cloud.id}/definitions.csv`);
    expect(exported.text).toContain("cloud,ガバメントクラウド接続,net,接続回線,,steps,1,回線調達");
    expect((await importCsv(await env.as("abu@example.jp"), csv, true)).status).toBe(403);
  });

  it("takes back a definitions CSV a spreadsheet saved: codes 01 → 1, Shift_JIS, dates 2027/3/31, blank lines counted", async () => {
    const sec = await env.as("secretariat@example.jp");
    const header =
      "programme_code,programme_name,item_code,item_name,item_group,tracking,code,name,phase,unit,target,options,item_deadline";
    const first = [header, "sheet,表計算の往復,07,住民記録,,steps,01,要件確認,,,,,2027-03-31"].join("\r\n");
    expect((await importCsv(sec, first, false)).status).toBe(200);
    // Excel opened it, turned 07 and 01 into 7 and 1, wrote the date its own way and saved as Shift_JIS (CP932).
    const saved = [
      header,
      "sheet,表計算の往復,7,住民記録,,steps,1,要件確認,,,,,2027/3/31",
      "sheet,表計算の往復,7,住民記録,,steps,２,移行～テスト,,,,,2027/3/31",
    ];
    const sjis = iconv.encode(saved.join("\r\n"), "cp932");
    const dry = await sec.postForm("/api/progress/definitions/import", { dryRun: "true" }, [
      { name: "定義.csv", data: sjis, type: "text/csv" },
    ]);
    expect(dry.status).toBe(200);
    expect(dry.body.encoding).toBe("Shift_JIS (Windows / CP932)");
    expect(dry.body.items).toEqual({ created: 0, updated: 0 });
    expect(dry.body.creates).toEqual([{ line: 3, kind: "step", code: "2", name: "移行～テスト" }]);
    const real = await sec.postForm("/api/progress/definitions/import", { dryRun: "false" }, [{ name: "定義.csv", data: sjis }]);
    expect(real.body.steps).toEqual({ created: 1, updated: 0 });
    const programme = (await sec.get("/api/progress/programmes")).body.items.find((p: { code: string }) => p.code === "sheet");
    expect(programme.itemCount).toBe(1);
    const exported = await sec.get(`/api/progress/programmes/${programme.id}/definitions.csv`);
    expect(exported.text).toContain("sheet,表計算の往復,07,住民記録,,steps,01,要件確認");

    // Blank lines count: the bad row is on line 4 of the file, as a text editor shows it.
    const gap = await importCsv(sec, [header, "", "", "sheet,表計算の往復,07,住民記録,,ステップ,01,,,,,,"].join("\n"), true);
    expect(gap.body.issues).toEqual([{ path: "line 4", message: "name: 入力してください" }]);
    // A file that is neither UTF-8 nor Shift_JIS is refused with where it broke.
    const broken = await sec.postForm("/api/progress/definitions/import", {}, [
      { name: "x.csv", data: Buffer.concat([Buffer.from(`${header}\nsheet,`), Buffer.from([0x85, 0x40, 0xff])]) },
    ]);
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toContain("2行目");
  });
});

describe("the national-target flag in the definitions CSV (national_target)", () => {
  const header =
    "programme_code,programme_name,item_code,item_name,item_group,tracking,code,name,phase,unit,target,options,item_deadline,national_target";
  const flagsOf = async (c: Client, code: string) => {
    const p = (await c.get("/api/progress/programmes")).body.items.find((x: { code: string }) => x.code === code);
    const detail = (await c.get(`/api/progress/programmes/${p.id}`)).body;
    return {
      id: p.id as string,
      flags: Object.fromEntries(detail.items.map((i: { code: string; nationalTarget: boolean }) => [i.code, i.nationalTarget])),
    };
  };
  const itemRows = () => env.database.db.selectFrom("progress_items").selectAll().orderBy("id").execute();

  it("imports ○ / blank as a clerk types them, exports 1 / 0, and the exported file (as CP932) reads back unchanged", async () => {
    const sec = await env.as("secretariat@example.jp");
    const csv = [
      header,
      "flags,国の目標対象の往復,tenkyo,転居届,,steps,1,オンライン化,,,,マイナポータル|その他の電子申請,,○",
      "flags,国の目標対象の往復,tenkyo,転居届,,steps,2,運用開始,,,,,,○",
      "flags,国の目標対象の往復,jidou,児童手当,,steps,1,オンライン化,,,,,,",
      "flags,国の目標対象の往復,kpi,利用件数,,metrics,n,件数,,件,100,,,０",
    ].join("\n");
    const ok = await importCsv(sec, csv, false);
    expect(ok.status).toBe(200);
    const { id, flags } = await flagsOf(sec, "flags");
    expect(flags).toEqual({ tenkyo: true, jidou: false, kpi: false });

    const exported = await sec.get(`/api/progress/programmes/${id}/definitions.csv`);
    expect(exported.status).toBe(200);
    // Read by SheetJS, not by our CSV parser: the flag column is there with 1 / 0 on every line.
    const sheet = XLSX.read(exported.text, { type: "string", raw: true });
    const rows = XLSX.utils.sheet_to_json<Record<string, string>>(sheet.Sheets[sheet.SheetNames[0]!]!, { raw: false });
    expect(rows.map((r) => [r.item_code, r.code, r.national_target])).toEqual([
      ["tenkyo", "1", "1"],
      ["tenkyo", "2", "1"],
      ["jidou", "1", "0"],
      ["kpi", "n", "0"],
    ]);
    // A spreadsheet saves it back as Shift_JIS: nothing to change.
    const sjis = iconv.encode(exported.text.replace(/^\uFEFF/, ""), "cp932");
    const again = await sec.postForm("/api/progress/definitions/import", { dryRun: "false" }, [
      { name: "定義.csv", data: sjis, type: "text/csv" },
    ]);
    expect(again.status).toBe(200);
    expect(again.body.encoding).toBe("Shift_JIS (Windows / CP932)");
    expect(again.body.items).toEqual({ created: 0, updated: 0 });

    // The clerk turns 転居届 off (対象外) and 児童手当 on (１, full width): one audited import, flags moved.
    const edited = exported.text
      .replace(/^\uFEFF/, "")
      .replace(/(tenkyo,[^\r\n]*),1(\r?\n|$)/g, "$1,対象外$2")
      .replace(/(jidou,[^\r\n]*),0(\r?\n|$)/g, "$1,１$2");
    const mark = await auditMark(env);
    const flipped = await sec.postForm("/api/progress/definitions/import", { dryRun: "false" }, [
      { name: "定義.csv", data: iconv.encode(edited, "cp932"), type: "text/csv" },
    ]);
    expect(flipped.status).toBe(200);
    expect(flipped.body.items).toEqual({ created: 0, updated: 2 });
    expect((await flagsOf(sec, "flags")).flags).toEqual({ tenkyo: false, jidou: true, kpi: false });
    expect(await auditSince(env, mark, "progressDefinition.import")).toHaveLength(1);

    // A file without the column leaves every flag as it is.
    const without = csv
      .split("\n")
      .map((l) => l.replace(/,[^,]*$/, ""))
      .join("\n");
    expect((await importCsv(sec, without, false)).status).toBe(200);
    expect((await flagsOf(sec, "flags")).flags).toEqual({ tenkyo: false, jidou: true, kpi: false });
  });

  it("refuses a value it cannot read, or an item whose lines disagree, naming line and column; nothing changes", async () => {
    const sec = await env.as("secretariat@example.jp");
    expect((await importCsv(sec, [header, "flags2,旗,a,項目A,,steps,1,手続,,,,,,1"].join("\n"), false)).status).toBe(200);
    const before = await itemRows();
    const csv = [
      header,
      "flags2,旗,a,項目A,,steps,1,手続,,,,,,済",
      "flags2,旗,b,項目B,,steps,1,手続,,,,,,1",
      "flags2,旗,b,項目B,,steps,2,運用,,,,,,0",
    ].join("\n");
    const bad = await importCsv(sec, csv, false);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues).toEqual([
      { path: "line 2", message: "national_target: 国の目標対象は 1（○）か 0（空欄）にしてください" },
      { path: "line 4", message: "national_target: 同じ項目の3行目と違います。項目の行はすべて同じ値にしてください" },
    ]);
    const dry = await importCsv(sec, csv, true);
    expect(dry.status).toBe(200);
    expect(dry.body.issues).toHaveLength(2);
    expect(await itemRows()).toEqual(before);
    expect((await importCsv(await env.as("abu@example.jp"), csv, false)).status).toBe(403);
    expect((await env.anon.get(`/api/progress/programmes/${(await flagsOf(sec, "flags2")).id}/definitions.csv`)).status).toBe(
      401,
    );
  });
});
