import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as XLSX from "xlsx";
import { auditMark, auditSince, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { makeMember } from "../demo/factories.js";

let env: TestEnv;
let consultationId: string;
beforeAll(async () => {
  env = await testEnv();
  // 奈古 誠 (阿武町) holds an open consultation of the town and a seat on the HQ.
  const abu2 = await env.as("abu2@example.jp");
  const filed = await abu2.post("/api/consultations", {
    category: "rpa_ocr",
    subject: "AI-OCR の導入手順について",
    body: "帳票の読み取り精度を確認したい。",
  });
  expect(filed.status).toBe(201);
  consultationId = filed.body.id;
  await makeMember(env.ctx, env.demo.bodies.wgRpa, { userId: env.demo.users["abu2@example.jp"], position: "vice_chair" });
});

const header = ["異動者メールアドレス", "後任メールアドレス", "後任氏名", "後任団体コード", "異動日", "異動先団体コード"];
const xlsxOf = (rows: unknown[][]) => {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([header, ...rows]), "人事異動");
  return { name: "令和8年4月1日異動.xlsx", data: XLSX.write(wb, { type: "buffer", bookType: "xlsx" }) as Buffer };
};
const user = (email: string) => env.database.db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
const consultation = () =>
  env.database.db.selectFrom("consultations").selectAll().where("id", "=", consultationId).executeTakeFirstOrThrow();

describe("人事異動 handover", () => {
  it("401 without a session; 403 for town staff; another person's 引継ぎ書 is a 404", async () => {
    const file = xlsxOf([]);
    expect((await env.anon.postForm("/api/handover/preview", {}, [file])).status).toBe(401);
    const abu = await env.as("abu@example.jp");
    expect((await abu.postForm("/api/handover/preview", {}, [file])).status).toBe(403);
    expect((await abu.postForm("/api/handover/apply", {}, [file])).status).toBe(403);
    expect((await abu.get(`/api/handover/letters/${env.demo.users["shunan@example.jp"]}`)).status).toBe(404);
    expect((await abu.get(`/api/handover/letters/${env.demo.users["shunan@example.jp"]}/pdf`)).status).toBe(404);
  });

  it("refuses unknown people and a successor in another town for a town's consultation, by row and column, changing nothing", async () => {
    const sec = await env.as("secretariat@example.jp");
    const file = xlsxOf([
      ["nobody@example.jp", "abu@example.jp", "", "", "2026-04-01", ""],
      ["abu2@example.jp", "shunan@example.jp", "", "", "2026-04-01", ""],
      ["kaminoseki@example.jp", "ghost@example.jp", "", "", "令和8年4月1日", ""],
    ]);
    const preview = await sec.postForm("/api/handover/preview", {}, [file]);
    expect(preview.status).toBe(200);
    expect(preview.body.issues.map((i: { row: number; column: string }) => `${i.row}:${i.column}`)).toEqual([
      "2:A（異動者メールアドレス）",
      "3:B（後任メールアドレス）",
      "4:B（後任メールアドレス）",
    ]);
    expect(preview.body.issues[1].message).toContain("AI-OCR の導入手順について");
    const mark = await auditMark(env);
    const apply = await sec.postForm("/api/handover/apply", { mode: "now" }, [file]);
    expect(apply.status).toBe(400);
    expect(apply.body.error.details.issues).toHaveLength(3);
    expect((await user("abu2@example.jp"))?.status).toBe("active");
    expect((await consultation()).created_by).toBe(env.demo.users["abu2@example.jp"]);
    expect(await auditSince(env, mark, "handover.person")).toEqual([]);
  });

  it("previews, applies at once: a new successor is created and invited, work moves, the leaver is disabled, all audited", async () => {
    const sec = await env.as("secretariat@example.jp");
    const file = xlsxOf([["abu2@example.jp", "hagi.new@example.jp", "萩 新太", "", "2026-04-01", ""]]);
    const preview = await sec.postForm("/api/handover/preview", {}, [file]);
    expect(preview.body.issues).toEqual([]);
    const [change] = preview.body.changes;
    expect(change).toMatchObject({ leaverAction: "disable", successorCreated: true, successor: { org: "阿武町" } });
    const kinds = change.items.map((i: { kind: string }) => i.kind);
    expect(kinds).toEqual(expect.arrayContaining(["consultation_filed", "body_membership"]));
    expect(await user("hagi.new@example.jp")).toBeUndefined();

    const mark = await auditMark(env);
    const res = await sec.postForm("/api/handover/apply", { mode: "now" }, [file]);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("applied");
    const successor = (await user("hagi.new@example.jp"))!;
    expect(successor).toMatchObject({ status: "invited", org_id: env.demo.orgs["阿武町"] });
    expect((await user("abu2@example.jp"))?.status).toBe("disabled");
    expect((await consultation()).created_by).toBe(successor.id);
    const seat = await env.database.db
      .selectFrom("body_members")
      .selectAll()
      .where("body_id", "=", env.demo.bodies.wgRpa)
      .where("user_id", "=", successor.id)
      .executeTakeFirst();
    expect(seat?.position).toBe("vice_chair");
    const [person] = await auditSince(env, mark, "handover.person");
    expect(person).toMatchObject({
      actor: env.demo.users["secretariat@example.jp"],
      subject: { type: "user", id: env.demo.users["abu2@example.jp"] },
      changes: { successor: successor.id, successorCreated: true },
    });
    expect(await auditSince(env, mark, "handover.apply")).toHaveLength(1);
    expect(await auditSince(env, mark, "user.invite")).toHaveLength(1);

    // The 引継ぎ書 on screen (the secretariat may read it) and as a PDF checked by qpdf and pdftotext.
    const letter = await sec.get(`/api/handover/letters/${successor.id}`);
    expect(letter.status).toBe(200);
    expect(letter.body.entries.map((e: { title: string }) => e.title)).toContain("AI-OCR の導入手順について");
    const pdf = await env.app.inject({
      method: "GET",
      url: `/api/handover/letters/${successor.id}/pdf`,
      headers: { cookie: sec.cookie },
    });
    expect(pdf.statusCode).toBe(200);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "handover-"));
    const file2 = path.join(dir, "letter.pdf");
    fs.writeFileSync(file2, pdf.rawPayload);
    execFileSync("qpdf", ["--check", file2]);
    const text = execFileSync("pdftotext", ["-layout", file2, "-"]).toString();
    expect(text).toContain("引継ぎ書");
    expect(text).toContain("萩 新太 様");
    expect(text).toContain("AI-OCR の導入手順について");
    expect(text).toContain("奈古 誠");
    expect(text).toMatch(/令和\d+年\d+月\d+日/);
    expect(text).toContain("以上");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("applies on the date: a scheduled job moves the leaver to the new organisation that morning", async () => {
    const sec = await env.as("secretariat@example.jp");
    const file = xlsxOf([["mine@example.jp", "kaminoseki@example.jp", "", "", "2099-04-01", "352152"]]);
    // 上関町's clerk cannot take over 美祢市's post: only organisation-free items would move, which is allowed.
    const res = await sec.postForm("/api/handover/apply", { mode: "scheduled" }, [file]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "scheduled", effectiveDate: "2099-04-01" });
    expect((await user("mine@example.jp"))?.org_id).toBe(env.demo.orgs["美祢市"]);
    const job = await env.database.db
      .selectFrom("jobs")
      .selectAll()
      .where("kind", "=", "handover.apply")
      .executeTakeFirstOrThrow();
    expect(job.run_at).toBe("2099-03-31T15:00:00.000Z");
    // The morning comes: run the job as the worker would.
    await env.database.db
      .updateTable("jobs")
      .set({ run_at: new Date(0).toISOString() })
      .where("id", "=", job.id)
      .execute();
    await env.worker.runOnce();
    const moved = await user("mine@example.jp");
    expect(moved).toMatchObject({ org_id: env.demo.orgs["周南市"], status: "active", is_org_admin: 0 });
    const list = await sec.get("/api/handover/batches");
    expect(list.body.items.find((b: { id: string }) => b.id === res.body.id)?.status).toBe("applied");
    // The existing successor is told in the app, with a link to their 引継ぎ書.
    const kami = await env.as("kaminoseki@example.jp");
    const told = (await kami.get("/api/notifications")).body.items.filter(
      (n: { title: string }) => n.title === "引継ぎ書が届きました",
    );
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ category: "account", link: "/handover/mine" });
    expect(told[0].body).toContain("秋芳 美穂さんの業務");
  });

  it("the successor sees their own 引継ぎ書", async () => {
    const kami = await env.as("kaminoseki@example.jp");
    const mine = await kami.get("/api/handover/letters/me");
    expect(mine.status).toBe(200);
    expect(mine.body.successor.name).toBe("上関 さくら");
  });
});
