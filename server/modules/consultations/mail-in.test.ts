import { execFileSync } from "node:child_process";
import nodemailer, { type SendMailOptions } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MailInListener } from "../../platform/mail/smtp-in.js";
import { auditMark, auditSince, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { startSmtpCapture } from "../../platform/testing/smtp-capture.js";
import { minimalPdf } from "../documents/test-files.js";
import { disableByEmail } from "../users/index.js";
import { startDeskMailIn } from "./index.js";

/**
 * Mail-in on both engines through a real SMTP exchange: nodemailer (and raw ISO-2022-JP bytes made by
 * the system's iconv) sends to Renkei's own listener on an ephemeral port; what it files is read back
 * through the API as the users see it.
 */

const desk = "soudan@pref.yamaguchi.lg.jp";
let env: TestEnv;
let listener: MailInListener;
let second: MailInListener;
const silent = { info: () => {}, warn: () => {} };
/** The town's mailbox: what Renkei delivers over SMTP_URL, as the town's mail client reads it. */
let relay: Awaited<ReturnType<typeof startSmtpCapture>>;
const outgoing = () => relay.inbox;

beforeAll(async () => {
  relay = await startSmtpCapture();
  env = await testEnv({
    MAILIN_SMTP_PORT: "0",
    MAILIN_ADDRESS: desk,
    MAILIN_MAX_MB: "1",
    MAILIN_HOST: "127.0.0.1",
    SMTP_URL: relay.url,
  });
  listener = (await startDeskMailIn(env.database, env.config, silent))!;
  // A second instance's listener on the same database: the same message delivered to both is filed once.
  second = (await startDeskMailIn(env.database, env.config, silent))!;
});
afterAll(async () => {
  await listener?.close();
  await second?.close();
  await relay.close();
});

const transport = (port = listener.port) =>
  nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true, pool: false });

type Sent = { ok: true; response: string } | { ok: false; code: number; response: string };

async function send(mail: SendMailOptions, port?: number): Promise<Sent> {
  try {
    const info = await transport(port).sendMail({ to: desk, ...mail });
    return { ok: true, response: info.response };
  } catch (err) {
    const e = err as { responseCode: number; response: string };
    return { ok: false, code: e.responseCode, response: e.response };
  }
}

const counts = async () => {
  const n = async (table: "consultations" | "consultation_messages" | "consultation_mail_in" | "consultation_attachments") =>
    Number(
      (
        await env.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    consultations: await n("consultations"),
    messages: await n("consultation_messages"),
    mailIn: await n("consultation_mail_in"),
    attachments: await n("consultation_attachments"),
  };
};

const mid = (tag: string) => `<${tag}.${crypto.randomUUID()}@town.example.jp>`;

/** The Message-ID of the newest mail Renkei queued to `email` about a consultation. */
async function deskMailTo(email: string, consultationId: string): Promise<string> {
  const row = await env.database.db
    .selectFrom("mail_outbox")
    .select(["id", "text"])
    .where("to_address", "=", email)
    .where("thread_ref", "=", `consultation:${consultationId}`)
    .orderBy("created_at", "desc")
    .executeTakeFirstOrThrow();
  expect(row.text).toContain("このメールに返信すると、相談への返信として登録されます。");
  return `<${row.id}@renkei.localhost>`;
}

let filedId: string;

describe("a mail to the desk's address from a town's user", () => {
  it("becomes a consultation of that town, channel mail, with its attachments downloadable", async () => {
    const mark = await auditMark(env);
    const messageId = mid("new");
    const pdf = minimalPdf("mail-in");
    const res = await send({
      from: "上関 さくら <Kaminoseki@example.jp>",
      subject: "Re: 住民記録システムの移行日程について",
      text: "県ご担当者様\n\n移行日程の考え方を教えてください。\n\n上関町 総務課\n\n-----Original Message-----\nFrom: 県\n以前のやり取り",
      messageId,
      attachments: [
        { filename: "移行計画.pdf", content: pdf, contentType: "application/pdf" },
        { filename: "メモ.txt", content: Buffer.from("当町の現状メモ\n", "utf8") },
      ],
    });
    expect(res.ok, JSON.stringify(res)).toBe(true);
    expect(res.response).toMatch(/^250 2\.0\.0 Filed as consultation [0-9a-f-]{36}$/);
    filedId = res.response.slice(-36);

    const town = await env.as("kaminoseki@example.jp");
    const list = await town.get("/api/consultations");
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(filedId);
    const detail = await town.get(`/api/consultations/${filedId}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      org: { id: env.demo.orgs["上関町"] },
      channel: "mail",
      subject: "住民記録システムの移行日程について",
      body: "県ご担当者様\n\n移行日程の考え方を教えてください。\n\n上関町 総務課",
      createdBy: { id: env.demo.users["kaminoseki@example.jp"] },
      asker: { userId: env.demo.users["kaminoseki@example.jp"] },
    });
    const files = detail.body.attachments as { id: string; name: string; mime: string }[];
    expect(files.map((f) => [f.name, f.mime]).sort()).toEqual([
      ["メモ.txt", "text/plain"],
      ["移行計画.pdf", "application/pdf"],
    ]);
    const pdfFile = files.find((f) => f.name === "移行計画.pdf")!;
    const download = await env.app.inject({
      method: "GET",
      url: `/api/consultations/${filedId}/attachments/${pdfFile.id}`,
      headers: { cookie: town.cookie },
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);

    // Another town does not learn it exists; the desk sees it in its queue.
    expect((await (await env.as("shunan@example.jp")).get(`/api/consultations/${filedId}`)).status).toBe(404);
    const queue = await (await env.as("specialist@example.jp")).get("/api/consultations?sort=newest");
    expect(queue.body.items.find((i: { id: string }) => i.id === filedId)).toMatchObject({ channel: "mail" });

    const user = env.demo.users["kaminoseki@example.jp"];
    expect(await auditSince(env, mark, "consultation.create")).toEqual([
      expect.objectContaining({ actor: user, subject: { type: "consultation", id: filedId } }),
    ]);
    expect((await auditSince(env, mark, "consultation.create"))[0]!.changes).toMatchObject({ channel: "mail" });
    expect(await auditSince(env, mark, "consultation.mailIn")).toEqual([
      {
        actor: user,
        subject: { type: "consultation", id: filedId },
        changes: { kind: "consultation", messageId, from: "kaminoseki@example.jp", files: ["移行計画.pdf", "メモ.txt"] },
      },
    ]);
  });

  it("files an answer to the desk's mail as a reply in the thread, quoted tail trimmed", async () => {
    const spec = await env.as("specialist@example.jp");
    const answer = await spec.post(`/api/consultations/${filedId}/messages`, {
      kind: "reply",
      body: "4月の切替をお勧めします。",
    });
    expect(answer.status, answer.text).toBe(201);
    await env.worker.runOnce();
    // The mail that opened it got a receipt by mail.
    expect(
      outgoing().find((m) => m.to.includes("kaminoseki@example.jp") && m.subject.includes("メールでのご相談を受け付けました")),
    ).toMatchObject({
      replyTo: desk,
    });
    // The desk's mail as the town receives it: its Message-ID is the outbox row's, answers go to the desk's address.
    const received = outgoing()
      .filter((m) => m.to.includes("kaminoseki@example.jp"))
      .at(-1)!;
    const deskMail = await deskMailTo("kaminoseki@example.jp", filedId);
    expect(received).toMatchObject({ messageId: deskMail, replyTo: desk });
    expect(received.text).toContain("このメールに返信すると、相談への返信として登録されます。");
    const before = await counts();
    const res = await send({
      to: received.replyTo,
      from: "kaminoseki@example.jp",
      subject: `Re: ${received.subject}`,
      text: "ありがとうございます。4月で調整します。\n\n2026年11月30日(月) 10:00 県 専門人材 <noreply@renkei.localhost>:\n> 4月の切替をお勧めします。\n> \n",
      messageId: mid("reply"),
      inReplyTo: deskMail,
      references: [deskMail],
    });
    expect(res.ok, JSON.stringify(res)).toBe(true);
    expect(res.response).toContain(`reply to consultation ${filedId}`);
    const detail = await (await env.as("kaminoseki@example.jp")).get(`/api/consultations/${filedId}`);
    const last = detail.body.messages.at(-1);
    expect(last).toMatchObject({
      kind: "reply",
      body: "ありがとうございます。4月で調整します。",
      author: { id: env.demo.users["kaminoseki@example.jp"] },
    });
    expect((await counts()).consultations).toBe(before.consultations);

    // The town's answer to its own mail (References naming the mail that opened the consultation) threads too.
    const first = await env.database.db
      .selectFrom("consultation_mail_in")
      .select("message_id")
      .where("consultation_id", "=", filedId)
      .orderBy("created_at")
      .executeTakeFirstOrThrow();
    const again = await send({
      from: "kaminoseki@example.jp",
      subject: "Re: 住民記録システムの移行日程について",
      text: "追加で、経費の資料をお送りします。",
      messageId: mid("follow"),
      references: [first.message_id],
    });
    expect(again.ok && again.response).toContain(`reply to consultation ${filedId}`);
  });

  it("creates nothing twice for the same Message-ID, also delivered to two instances at once", async () => {
    const messageId = mid("dup");
    const mail = { from: "kaminoseki@example.jp", subject: "二重配送の確認", text: "一度だけ登録されるはずです。", messageId };
    const before = await counts();
    const [a, b] = await Promise.all([send(mail, listener.port), send(mail, second.port)]);
    expect(a.ok && b.ok, JSON.stringify([a, b])).toBe(true);
    const answers = [a, b].map((r) => r.response.replace(/[0-9a-f-]{36}|<.*>/g, "…")).sort();
    expect(answers).toEqual(["250 2.0.0 Already received (Message-ID …)", "250 2.0.0 Filed as consultation …"]);
    const third = await send(mail);
    expect(third.ok && third.response).toContain("Already received");
    const after = await counts();
    expect(after.consultations).toBe(before.consultations + 1);
    expect(after.mailIn).toBe(before.mailIn + 1);
  });

  it("decodes Japanese in ISO-2022-JP (encoded by the system's iconv) and UTF-8, and HTML-only mail as text", async () => {
    const jis = (s: string) => execFileSync("iconv", ["-f", "UTF-8", "-t", "ISO-2022-JP"], { input: s });
    const subject = "ＬＧＷＡＮ端末の更新について（照会）";
    const raw = Buffer.concat([
      Buffer.from(
        `From: kaminoseki@example.jp\r\nTo: ${desk}\r\nSubject: =?ISO-2022-JP?B?${jis(subject).toString("base64")}?=\r\n` +
          `Message-ID: ${mid("jis")}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=ISO-2022-JP\r\nContent-Transfer-Encoding: 7bit\r\n\r\n`,
      ),
      jis("お世話になっております。\r\nＬＧＷＡＮ端末の件です。\r\n"),
    ]);
    const r1 = await transport().sendMail({ envelope: { from: "kaminoseki@example.jp", to: [desk] }, raw });
    const town = await env.as("kaminoseki@example.jp");
    const jisCase = await town.get(`/api/consultations/${r1.response.slice(-36)}`);
    expect(jisCase.body).toMatchObject({ subject, body: "お世話になっております。\nＬＧＷＡＮ端末の件です。" });

    // UTF-8 carries what ISO-2022-JP cannot (髙, ①).
    const text = "お世話になっております。\r\n髙橋の「髙」や①も含みます。\r\n";
    const r2 = await send({ from: "kaminoseki@example.jp", subject: "機種依存文字の確認①", text, messageId: mid("utf8") });
    expect(r2.ok).toBe(true);
    const utf = await town.get(`/api/consultations/${r2.ok ? r2.response.slice(-36) : ""}`);
    expect(utf.body).toMatchObject({
      subject: "機種依存文字の確認①",
      body: "お世話になっております。\n髙橋の「髙」や①も含みます。",
    });

    const r3 = await send({
      from: "kaminoseki@example.jp",
      subject: "HTMLだけのメール",
      html: "<p>表の<b>確認</b>をお願いします。</p><script>alert(1)</script><p>よろしくお願いします。</p>",
      messageId: mid("html"),
    });
    const html = await town.get(`/api/consultations/${r3.ok ? r3.response.slice(-36) : ""}`);
    expect(html.body.body).toContain("表の確認をお願いします。");
    expect(html.body.body).toContain("よろしくお願いします。");
    expect(html.body.body).not.toMatch(/<|alert/);
  });

  it("takes an out-of-office answer to a desk mail without filing it or bouncing it (no mail loop)", async () => {
    const deskMail = await deskMailTo("kaminoseki@example.jp", filedId);
    const before = await counts();
    const res = await send({
      from: "kaminoseki@example.jp",
      subject: "自動応答：不在のお知らせ",
      text: "12月1日まで不在です。",
      messageId: mid("ooo"),
      inReplyTo: deskMail,
      headers: { "Auto-Submitted": "auto-replied" },
    });
    expect(res.ok && res.response).toContain("not filed");
    expect(await counts()).toEqual(before);
  });
});

describe("an answer to a consultation merged since", () => {
  it("goes to the consultation it was merged into", async () => {
    const filed = async (subject: string) => {
      const r = await send({ from: "kaminoseki@example.jp", subject, text: "本文です。", messageId: mid("merge") });
      return r.ok ? r.response.slice(-36) : "";
    };
    const a = await filed("重複した相談A");
    const b = await filed("重複した相談B");
    const spec = await env.as("specialist@example.jp");
    expect((await spec.post(`/api/consultations/${a}/messages`, { kind: "reply", body: "確認します。" })).status).toBe(201);
    const deskMail = await deskMailTo("kaminoseki@example.jp", a);
    expect((await spec.post(`/api/consultations/${a}/merge`, { targetId: b })).status).toBe(200);
    const res = await send({
      from: "kaminoseki@example.jp",
      subject: "Re: 重複した相談A",
      text: "補足です。",
      messageId: mid("merged-reply"),
      inReplyTo: deskMail,
    });
    expect(res.ok && res.response).toContain(`reply to consultation ${b}`);
    const detail = await (await env.as("kaminoseki@example.jp")).get(`/api/consultations/${b}`);
    expect(detail.body.messages.at(-1)).toMatchObject({ kind: "reply", body: "補足です。" });
  });
});

describe("refusals at SMTP level store nothing", () => {
  const refused = async (mail: SendMailOptions, code: number, text: RegExp) => {
    const before = await counts();
    const res = await send({ messageId: mid("refused"), ...mail });
    expect(res.ok, JSON.stringify(res)).toBe(false);
    if (!res.ok) {
      expect(res.code).toBe(code);
      expect(res.response).toMatch(text);
    }
    expect(await counts()).toEqual(before);
  };

  it("refuses an unknown sender", async () => {
    await refused(
      { from: "someone@elsewhere.example", subject: "営業のご案内", text: "本文" },
      550,
      /5\.7\.1 .*not a Renkei user/,
    );
  });

  it("refuses a disabled user and audits it", async () => {
    await disableByEmail(env.ctx, "abu2@example.jp");
    const mark = await auditMark(env);
    await refused({ from: "abu2@example.jp", subject: "相談", text: "本文" }, 550, /account is disabled/);
    expect(await auditSince(env, mark, "consultation.mailRefused")).toEqual([
      expect.objectContaining({
        actor: env.demo.users["abu2@example.jp"],
        subject: { type: "user", id: env.demo.users["abu2@example.jp"] },
      }),
    ]);
  });

  it("refuses a reply to a consultation the sender cannot see, and audits it", async () => {
    const deskMail = await deskMailTo("kaminoseki@example.jp", filedId);
    const mark = await auditMark(env);
    await refused(
      { from: "shunan@example.jp", subject: "Re: 回答", text: "横から失礼します", inReplyTo: deskMail, references: [deskMail] },
      550,
      /may not reply to this consultation/,
    );
    expect(await auditSince(env, mark, "consultation.mailRefused")).toEqual([
      expect.objectContaining({ actor: env.demo.users["shunan@example.jp"], subject: { type: "consultation", id: filedId } }),
    ]);
  });

  it("refuses a new consultation by mail from prefecture staff (they file for a town on screen)", async () => {
    await refused({ from: "specialist@example.jp", subject: "新規", text: "本文" }, 550, /FORBIDDEN/);
  });

  it("refuses an oversized message", async () => {
    const big = Buffer.concat([minimalPdf(), Buffer.alloc(1024 * 1024 + 10, 32)]);
    await refused(
      {
        from: "kaminoseki@example.jp",
        subject: "大きな添付",
        text: "本文",
        attachments: [{ filename: "big.pdf", content: big }],
      },
      552,
      /5\.3\.4 Message too big/,
    );
  });

  it("refuses an attachment of a type the desk does not take", async () => {
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 0x90)]);
    await refused(
      {
        from: "kaminoseki@example.jp",
        subject: "実行ファイル",
        text: "本文",
        attachments: [{ filename: "tool.exe", content: exe }],
      },
      550,
      /VALIDATION_FAILED|UNSUPPORTED|Refused by the desk/,
    );
  });

  it("refuses mail to any other recipient", async () => {
    const before = await counts();
    const res = await transport()
      .sendMail({ from: "kaminoseki@example.jp", to: "kacho@pref.yamaguchi.lg.jp", subject: "誤送信", text: "本文" })
      .then(
        () => null,
        (e: { responseCode: number; response: string }) => e,
      );
    expect(res?.responseCode).toBe(550);
    expect(res?.response).toMatch(/5\.1\.1 No such recipient here/);
    expect(await counts()).toEqual(before);
  });
});
