import iconv from "iconv-lite";
import { beforeAll, describe, expect, it } from "vitest";
import * as XLSX from "xlsx";
import { auditMark, auditSince, type TestEnv, testEnv, userCount } from "../../platform/testing/harness.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

const userByEmail = (email: string) =>
  env.database.db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();

/** A workbook written by SheetJS, as a personnel office's Excel would send it. */
function xlsxOf(rows: unknown[][]): Buffer {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), "職員");
  return XLSX.write(wb, { type: "buffer", bookType: "xlsx" });
}

describe("bulk users: import", () => {
  it("401 without a session, 403 for staff who are not administrators", async () => {
    const file = [{ name: "u.csv", data: "団体コード,氏名,メールアドレス\r\n" }];
    expect((await env.anon.postForm("/api/users/import", {}, file)).status).toBe(401);
    for (const who of ["abu2@example.jp", "secretariat@example.jp"]) {
      const c = await env.as(who);
      expect((await c.postForm("/api/users/import", {}, file)).status).toBe(403);
    }
  });

  it("a dry run of a CP932 file names each bad cell by row and column; applying it is refused and creates nothing", async () => {
    const abu = await env.as("abu@example.jp");
    const csv = [
      "団体コード,氏名,メールアドレス,役割,団体管理者",
      "355020,萩 一郎,hagi.ichiro@example.jp,市町村職員,",
      "999999,不明 太郎,unknown.org@example.jp,市町村職員,", // 3: unknown organisation
      "355020,形式 誤,not-an-address,市町村職員,", // 4: bad e-mail
      "355020,重複 花子,hagi.ichiro@example.jp,市町村職員,", // 5: duplicate of row 2
      "355020,既存 由美,abu2@example.jp,,", // 6: already registered
      "355020,事務 局子,jimu@example.jp,事務局,", // 7: role the org admin may not give
      "352152,周南 次郎,shunan.jiro@example.jp,市町村職員,", // 8: another organisation
      "355020,管理 者,kanri@example.jp,市町村職員,○", // 9: org-admin flag only the prefecture sets
    ].join("\r\n");
    const bytes = iconv.encode(csv, "cp932");
    const before = await userCount(env);
    const dry = await abu.postForm("/api/users/import", { dryRun: "true" }, [{ name: "異動.csv", data: bytes }]);
    expect(dry.status).toBe(200);
    expect(dry.body.encoding).toBe("Shift_JIS (Windows / CP932)");
    expect(dry.body.rows.map((r: { row: number }) => r.row)).toEqual([2]);
    const where = dry.body.issues.map((i: { row: number; column: string }) => `${i.row}:${i.column}`);
    expect(where).toEqual([
      "3:A（団体コード）",
      "4:C（メールアドレス）",
      "5:C（メールアドレス）",
      "6:C（メールアドレス）",
      "7:D（役割）",
      "8:A（団体コード）",
      "9:E（団体管理者）",
    ]);
    expect(dry.body.issues[0].message).toContain("999999");
    expect(dry.body.issues[2].message).toContain("2行目と重複");
    expect(dry.body.issues[3].message).toContain("すでに登録");

    const mark = await auditMark(env);
    const apply = await abu.postForm("/api/users/import", { dryRun: "false" }, [{ name: "異動.csv", data: bytes }]);
    expect(apply.status).toBe(400);
    expect(apply.body.error.message).toContain("7件の誤り");
    expect(apply.body.error.details.issues[1]).toMatchObject({ row: 4, path: "C4" });
    expect(await userCount(env)).toBe(before);
    expect(await userByEmail("hagi.ichiro@example.jp")).toBeUndefined();
    expect(await auditSince(env, mark, "user.import")).toEqual([]);
  });

  it("refuses a file that is neither XLSX nor CSV text, and a header without the needed columns", async () => {
    const admin = await env.as("admin@example.jp");
    const bin = await admin.postForm("/api/users/import", {}, [{ name: "x.bin", data: Buffer.from([1, 0, 2, 3]) }]);
    expect(bin.status).toBe(415);
    const head = await admin.postForm("/api/users/import", {}, [{ name: "x.csv", data: "氏名\r\n山田\r\n" }]);
    expect(head.status).toBe(200);
    expect(head.body.issues[0].message).toContain("団体コード");
  });

  it("the system admin imports an XLSX for several organisations: users, invitations in the outbox, audit rows, one transaction", async () => {
    const admin = await env.as("admin@example.jp");
    const file = xlsxOf([
      ["団体コード", "団体名", "氏名", "メールアドレス", "役割", "団体管理者", "所属", "役職"],
      ["352152", "周南市", "周南 次郎", "Shunan.Jiro@Example.jp", "市町村職員", "○", "デジタル推進課", "主査"],
      ["355020", "阿武町", "阿武 三郎", "abu.saburo@example.jp", "", "", "総務課", ""],
      [],
      ["350001", "山口県", "県庁 四郎", "kencho.shiro@example.jp", "事務局", "", "デジタル推進局", "主任"],
    ]);
    const dry = await admin.postForm("/api/users/import", { dryRun: "true" }, [{ name: "職員.xlsx", data: file }]);
    expect(dry.body.issues).toEqual([]);
    expect(dry.body.rows.map((r: { row: number; role: string }) => [r.row, r.role])).toEqual([
      [2, "municipal"],
      [3, "municipal"],
      [5, "secretariat"],
    ]);
    expect(await userByEmail("shunan.jiro@example.jp")).toBeUndefined();

    const mark = await auditMark(env);
    const res = await admin.postForm("/api/users/import", { dryRun: "false" }, [{ name: "職員.xlsx", data: file }]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, format: "xlsx", created: 3, invited: 3 });
    const jiro = await userByEmail("shunan.jiro@example.jp");
    expect(jiro).toMatchObject({
      status: "invited",
      role: "municipal",
      is_org_admin: 1,
      department: "デジタル推進課",
      title: "主査",
    });
    expect(jiro?.org_id).toBe(env.demo.orgs["周南市"]);
    const mails = await env.database.db
      .selectFrom("mail_outbox")
      .select(["to_address", "text"])
      .where("to_address", "in", ["shunan.jiro@example.jp", "abu.saburo@example.jp", "kencho.shiro@example.jp"])
      .execute();
    expect(mails).toHaveLength(3);
    expect(mails.find((m) => m.to_address === "abu.saburo@example.jp")?.text).toContain("/invitation/");
    const invites = await auditSince(env, mark, "user.invite");
    expect(invites.map((a) => a.changes.via)).toEqual(["import", "import", "import"]);
    expect(invites.map((a) => a.subject.id)).toContain(jiro?.id);
    const [summary] = await auditSince(env, mark, "user.import");
    expect(summary).toMatchObject({ actor: env.demo.users["admin@example.jp"], changes: { created: 3, format: "xlsx" } });

    // The same file again: every row is now a registered address, and nothing more is created.
    const again = await admin.postForm("/api/users/import", { dryRun: "false" }, [{ name: "職員.xlsx", data: file }]);
    expect(again.status).toBe(400);
    expect(again.body.error.details.issues).toHaveLength(3);
  });

  it("an org admin imports their own colleagues from a UTF-8 CSV", async () => {
    const abu = await env.as("abu@example.jp");
    const csv = "\uFEFFlg_code,name,email,role\r\n355020,奈古 四郎,nago.shiro@example.jp,municipal\r\n";
    const res = await abu.postForm("/api/users/import", { dryRun: "false" }, [{ name: "u.csv", data: csv }]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1, encoding: "UTF-8 (BOM)" });
    expect((await userByEmail("nago.shiro@example.jp"))?.org_id).toBe(env.demo.orgs["阿武町"]);
  });
});

describe("bulk users: export", () => {
  it("401, 403, and another organisation's list is a 404 for an org admin", async () => {
    expect((await env.anon.get("/api/users/export.xlsx")).status).toBe(401);
    expect((await (await env.as("abu2@example.jp")).get("/api/users/export.csv")).status).toBe(403);
    const abu = await env.as("abu@example.jp");
    expect((await abu.get(`/api/users/export.xlsx?orgId=${env.demo.orgs["周南市"]}`)).status).toBe(404);
  });

  it("an org admin's XLSX holds their organisation only, read back by SheetJS with the import's headers", async () => {
    const abu = await env.as("abu@example.jp");
    const res = await env.app.inject({ method: "GET", url: "/api/users/export.xlsx", headers: { cookie: abu.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const wb = XLSX.read(res.rawPayload, { type: "buffer", cellDates: true });
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets[wb.SheetNames[0]!]!, { raw: false });
    expect(new Set(rows.map((r) => r.団体名))).toEqual(new Set(["阿武町"]));
    const emails = rows.map((r) => r.メールアドレス);
    expect(emails).toEqual(expect.arrayContaining(["abu@example.jp", "abu2@example.jp"]));
    expect(emails).not.toContain("shunan@example.jp");
    const yumi = rows.find((r) => r.メールアドレス === "abu@example.jp")!;
    expect(yumi).toMatchObject({ 団体コード: "355020", 役割: "市町村職員", 団体管理者: "○", 状態: "有効" });
  });

  it("the admin's Shift_JIS CSV of everyone decodes with iconv and imports back as duplicates only", async () => {
    const admin = await env.as("admin@example.jp");
    const res = await env.app.inject({
      method: "GET",
      url: "/api/users/export.csv?encoding=sjis",
      headers: { cookie: admin.cookie },
    });
    expect(res.statusCode).toBe(200);
    const text = iconv.decode(res.rawPayload, "cp932");
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toBe("団体コード,団体名,氏名,メールアドレス,役割,団体管理者,所属,役職,状態,登録日");
    expect(lines.some((l) => l.startsWith("352152,周南市,周南 太郎,shunan@example.jp,市町村職員,○"))).toBe(true);
    expect(lines.length - 1).toBe(await userCount(env));
    const back = await admin.postForm("/api/users/import", { dryRun: "true" }, [{ name: "all.csv", data: res.rawPayload }]);
    expect(back.body.rows).toEqual([]);
    expect(back.body.issues.length).toBeGreaterThan(20);
    for (const i of back.body.issues) expect(i.message).toMatch(/すでに登録|団体コードを入力/);
  });
});
