import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import iconv from "iconv-lite";
import { beforeAll, describe, expect, it } from "vitest";
import { lgCheckDigit } from "../../../shared/lg-code.js";
import { loadConfig } from "../../config.js";
import { openDatabase } from "../../platform/db/database.js";
import { type Client, lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";

const importCsv = (c: Client, csv: string | Buffer, name = "団体.csv") =>
  c.postForm("/api/orgs/import", {}, [{ name, data: csv, type: "text/csv" }]);
const code = (five: string) => `${five}${lgCheckDigit(five)}`;

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

describe("orgs", () => {
  it("lists the prefecture and its 19 municipalities to any signed-in user", async () => {
    const abu = await env.as("abu@example.jp");
    const res = await abu.get("/api/orgs");
    expect(res.status).toBe(200);
    const names = res.body.items.map((o: { name: string }) => o.name);
    expect(names[0]).toBe("山口県");
    expect(res.body.items.filter((o: { kind: string }) => o.kind === "city" || o.kind === "town")).toHaveLength(19);
    const abuOrg = res.body.items.find((o: { name: string }) => o.name === "阿武町");
    expect(abuOrg.isSmall).toBe(true);
    expect(abuOrg.abilities.canEdit).toBe(false);
  });

  it("denies without a session (401) and to municipal users (403)", async () => {
    expect((await env.anon.get("/api/orgs")).status).toBe(401);
    const abu = await env.as("abu@example.jp");
    const res = await abu.post("/api/orgs", { kind: "town", lgCode: "353418", name: "x", kana: "x" });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
  });

  it("404s for an unknown organisation", async () => {
    const sec = await env.as("secretariat@example.jp");
    expect((await sec.get(`/api/orgs/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it("rejects a code with a wrong check digit, next to the field", async () => {
    const sec = await env.as("secretariat@example.jp");
    const res = await sec.post("/api/orgs", { kind: "village", lgCode: "999991", name: "テスト村", kana: "てすとむら" });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe("lgCode");
  });

  it("creates and updates an organisation with audit rows", async () => {
    const sec = await env.as("secretariat@example.jp");
    // 99999 → s = 6·9+5·9+4·9+3·9+2·9 = 180, 180 mod 11 = 4, check = 7
    const created = await sec.post("/api/orgs", {
      kind: "village",
      lgCode: "999997",
      name: "テスト村",
      kana: "てすとむら",
      population: 800,
    });
    expect(created.status).toBe(201);
    expect(created.body.isSmall).toBe(true);
    const audit = await lastAudit(env, "org.create");
    expect(audit?.subject_id).toBe(created.body.id);
    expect(audit?.actor_user_id).toBe(env.demo.users["secretariat@example.jp"]);

    const patched = await sec.patch(`/api/orgs/${created.body.id}`, { population: 50_000 });
    expect(patched.body.isSmall).toBe(false);
    expect(JSON.parse((await lastAudit(env, "org.update"))!.changes!)).toEqual({ population: [800, 50_000] });
  });

  it("imports a CSV all or nothing, reporting every bad line", async () => {
    const sec = await env.as("secretariat@example.jp");
    const before = (await sec.get("/api/orgs")).body.items.length;
    const bad =
      "lg_code,kind,name,kana,name_en,population\n012025,city,函館市,はこだてし,Hakodate,251084\n012030,city,小樽市,おたるし,Otaru,abc\n999990,town,,x,,1\n";
    const res = await importCsv(sec, bad);
    expect(res.status).toBe(400);
    const lines = res.body.error.details.issues.map((i: { path: string }) => i.path);
    expect(lines).toContain("line 3");
    expect(lines).toContain("line 4");
    expect((await sec.get("/api/orgs")).body.items.length).toBe(before);

    const good = "\uFEFFlg_code,kind,name,kana,name_en,population\r\n012025,city,函館市,はこだてし,Hakodate,251084\r\n";
    const ok = await importCsv(sec, good);
    expect(ok.body).toEqual({ created: 1, updated: 0, encoding: "UTF-8 (BOM)" });
    expect((await lastAudit(env, "org.import"))?.changes).toContain('"created":1');
  });

  it("reads the Shift_JIS file Excel saves on Windows the same on the web page and with `renkei org import`", async () => {
    const sec = await env.as("secretariat@example.jp");
    // Excel keeps 01999x as a number (the leading zero lost) and writes full-width digits as typed.
    const rows = [
      "lg_code,kind,name,kana,name_en,population",
      `${code("01998").slice(1)},town,髙﨑町,たかさきちょう,,"１２,３４５"`,
      "",
      `${code("01997")},village,〜村−一,むら,,800`,
    ];
    const sjis = iconv.encode(rows.join("\r\n").replace("〜", "～").replace("−", "－"), "cp932");
    const web = await importCsv(sec, sjis);
    expect(web.body).toEqual({ created: 2, updated: 0, encoding: "Shift_JIS (Windows / CP932)" });
    const listed = (await sec.get("/api/orgs")).body.items as {
      lgCode: string;
      name: string;
      kana: string;
      population: number;
    }[];
    const webRows = listed
      .filter((o) => o.lgCode?.startsWith("0199"))
      .map((o) => [o.lgCode, o.name, o.kana, o.population])
      .sort();
    expect(webRows).toEqual(
      [
        [code("01998"), "髙﨑町", "たかさきちょう", 12345],
        [code("01997"), "～村－一", "むら", 800],
      ].sort(),
    );

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-cli-"));
    try {
      const file = path.join(dir, "団体.csv");
      fs.writeFileSync(file, sjis);
      const cliEnv = { ...process.env, DATA_DIR: dir, DATABASE_URL: "", LOG_LEVEL: "silent", NODE_ENV: "test" };
      delete (cliEnv as Record<string, string | undefined>).DATABASE_URL;
      const { stdout } = await promisify(execFile)(process.execPath, ["bin/renkei.js", "org", "import", file], { env: cliEnv });
      expect(stdout).toContain("Shift_JIS (Windows / CP932)");
      const db = openDatabase(loadConfig({ DATA_DIR: dir, NODE_ENV: "test", LOG_LEVEL: "silent" }));
      const cliRows = (await db.db.selectFrom("orgs").select(["lg_code", "name", "kana", "population"]).execute())
        .map((o) => [o.lg_code, o.name, o.kana, o.population])
        .sort();
      await db.close();
      expect(cliRows).toEqual(webRows);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }

    // ODS, EUC-JP and broken bytes are refused with what to do, and nothing is stored.
    const euc = iconv.encode("lg_code,kind,name,kana,name_en,population\r\n011002,city,札幌市,さっぽろし,,1\r\n", "euc-jp");
    const eucRes = await importCsv(sec, euc);
    expect(eucRes.status).toBe(400);
    expect(eucRes.body.error.message).toContain("EUC-JP");
    expect(eucRes.body.error.message).toContain("UTF-8");
    const broken = await importCsv(sec, Buffer.concat([Buffer.from("lg_code,kind\n\n0"), Buffer.from([0x82, 0x20])]));
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toContain("3行目（ファイルの先頭から16バイト目）");
    expect((await sec.get("/api/orgs")).body.items).toHaveLength(listed.length);
  });
});
