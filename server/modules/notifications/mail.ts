import { type Ctx, newId, nowIso } from "../../platform/context.js";
import { enqueue } from "../../platform/jobs/queue.js";
import { defineJob } from "../../platform/jobs/worker.js";
import { mailTransport, outboxIdsIn, outboxMessageId } from "../../platform/mail/mailer.js";
import { findOutboxRow, insertOutboxRow, outboxThreadRefs, updateOutboxRow } from "./repo.js";

const footer = "\n\n--\nRenkei（連携）デジタル・ガバメント構築連携プラットフォーム\n";
/** A mail about a thread (a consultation) can be answered by mail when mail-in is on; every other mail is send-only. */
const signature = (answerable: boolean) =>
  footer + (answerable ? "このメールに返信すると、相談への返信として登録されます。" : "このメールは送信専用です。");

/** A text attachment, e.g. a meeting as an .ics file ("text/calendar; method=PUBLISH"). */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/**
 * Every mail the platform sends is automatic: RFC 3834's Auto-Submitted tells mail servers and
 * people's auto-replies (out of office) not to answer it; Exchange reads X-Auto-Response-Suppress.
 */
const automaticHeaders = { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All" };

/**
 * Puts a message in the outbox in the caller's transaction and queues its delivery.
 * Without SMTP_URL the message is kept ("held") and shown to admins.
 */
export async function sendMail(
  ctx: Ctx,
  msg: { to: string; subject: string; text: string; attachments?: MailAttachment[]; thread?: string },
): Promise<void> {
  const id = newId();
  const held = !ctx.config.smtpUrl;
  const answerable = !!msg.thread && !!ctx.config.mailIn;
  await insertOutboxRow(ctx, {
    id,
    to_address: msg.to,
    subject: msg.subject,
    text: msg.text + signature(answerable),
    status: held ? "held" : "pending",
    attempts: 0,
    last_error: null,
    created_at: nowIso(),
    sent_at: null,
    attachments: msg.attachments?.length ? JSON.stringify(msg.attachments) : null,
    thread_ref: msg.thread ?? null,
  });
  if (!held) await enqueue(ctx, "mail.send", { id }, { maxAttempts: 8 });
}

defineJob("mail.send", async (ctx, { id }: { id: string }) => {
  const mail = await findOutboxRow(ctx, id);
  if (!mail || mail.status === "sent") return;
  const transport = await mailTransport(ctx.config);
  if (!transport) {
    await updateOutboxRow(ctx, id, { status: "held" });
    return;
  }
  try {
    await transport.sendMail({
      from: ctx.config.mailFrom,
      to: mail.to_address,
      subject: mail.subject,
      text: mail.text,
      messageId: outboxMessageId(ctx.config, mail.id),
      // An answer to a thread's mail goes to the desk's mail-in address, which files it in the thread.
      replyTo: mail.thread_ref && ctx.config.mailIn ? ctx.config.mailIn.address : undefined,
      headers: automaticHeaders,
      attachments: mail.attachments ? (JSON.parse(mail.attachments) as MailAttachment[]) : undefined,
    });
    await updateOutboxRow(ctx, id, { status: "sent", sent_at: nowIso(), attempts: mail.attempts + 1, last_error: null });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await updateOutboxRow(ctx, id, { status: "failed", attempts: mail.attempts + 1, last_error: message.slice(0, 1000) });
    throw err; // the job queue retries with backoff
  }
});

/** The threads (e.g. "consultation:<id>") of Renkei's own mails named by these Message-IDs (an answer's In-Reply-To/References). */
export async function threadsOfMessageIds(ctx: Ctx, messageIds: string[]): Promise<string[]> {
  const ids = outboxIdsIn(ctx.config, messageIds);
  return ids.length ? outboxThreadRefs(ctx, ids) : [];
}
