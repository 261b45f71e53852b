import type { Config } from "../../config.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, nowIso } from "../../platform/context.js";
import type { Database } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors.js";
import { localUpload } from "../../platform/files/upload.js";
import { type InboundMail, type MailInListener, type MailInLog, MailRefused, startMailIn } from "../../platform/mail/smtp-in.js";
import { can } from "../../platform/policy/authorize.js";
import { threadsOfMessageIds } from "../notifications/index.js";
import { actorOfUser, findUserByEmail } from "../users/index.js";
import { claimMessageId, consultationsOfMailIds, findMailIn, isDuplicateClaim, setMailInConsultation } from "./mail-in-repo.js";
import { findConsultation } from "./repo.js";
import { fileConsultation } from "./service.js";
import { postMessage } from "./thread.js";

/**
 * Mail-in for the desk (MAILIN_*): a town's user mails the desk's address and the message becomes a
 * consultation of their organisation (channel mail); an answer to a mail Renkei sent about a
 * consultation (its Message-ID in In-Reply-To/References), or to an earlier accepted mail of the
 * thread, becomes a reply there. Everything goes through the same services as the screen (rules,
 * attachments and their file rules, audit, notifications); the sender is the actor.
 */

const noSubject = "（件名なし）";
const noBody = "（本文なし。添付ファイルをご覧ください。）";
const replyPrefix = /^\s*((re|fw|fwd|返信|転送)\s*[:：]\s*)+/i;

/** The consultation an answer belongs to: the first of its referenced Message-IDs Renkei knows (newest first). */
async function threadOf(ctx: Ctx, references: string[]): Promise<string | null> {
  if (!references.length) return null;
  const [fromOutbox, fromMailIn] = await Promise.all([
    threadsOfMessageIds(ctx, references),
    consultationsOfMailIds(ctx, references),
  ]);
  const known = new Map(fromMailIn.map((r) => [r.message_id, r.consultation_id]));
  for (const ref of references) if (known.has(ref)) return known.get(ref)!;
  const outbox = fromOutbox.find((t) => t.startsWith("consultation:"));
  return outbox ? outbox.slice("consultation:".length) : null;
}

/** Delivers one message to the desk; the SMTP answer on success, MailRefused (nothing stored) otherwise. */
async function receiveDeskMail(ctx: Ctx, mail: InboundMail): Promise<string> {
  const user = await findUserByEmail(ctx, mail.from);
  if (!user)
    throw new MailRefused(550, `5.7.1 Sender ${mail.from} is not a Renkei user: write from the address registered in Renkei`);
  const mctx: Ctx = { ...ctx, actor: actorOfUser(user), ip: mail.remoteAddress, userAgent: "mail-in (SMTP)" };
  const refuse = async (code: number, text: string, reason: string, subject?: { type: string; id: string }) => {
    await inTx(mctx, (tx) =>
      recordAudit(tx, "consultation.mailRefused", subject ?? { type: "user", id: user.id }, {
        reason,
        messageId: mail.messageId,
        from: mail.from,
        subject: mail.subject,
      }),
    );
    return new MailRefused(code, text);
  };
  if (user.status !== "active")
    throw await refuse(550, "5.7.1 The sender's Renkei account is disabled", "利用停止中の利用者からのメールです。");
  const duplicate = `2.0.0 Already received (Message-ID ${mail.messageId})`;
  if (await findMailIn(ctx, mail.messageId)) return duplicate;
  const consultationId = await threadOf(ctx, mail.references);
  const files = mail.attachments;
  try {
    return await inTx(mctx, async (tx) => {
      // Claimed first: a second delivery (here or on another instance) waits on the key, then fails and stores nothing.
      await claimMessageId(tx, mail.messageId, user.id, nowIso());
      if (consultationId) {
        const found = await findConsultation(tx, consultationId);
        // Merged into another since the mail was sent: the answer goes to the consultation that carries on.
        const row = found?.merged_into_id ? await findConsultation(tx, found.merged_into_id) : found;
        if (!row || !can(tx.actor, "consultation.reply", row))
          throw new MailRefused(550, "5.7.1 The sender may not reply to this consultation");
        await postMessage(tx, row.id, localUpload({ kind: "reply", body: mail.text || noBody }, files));
        await setMailInConsultation(tx, mail.messageId, row.id);
        await recordAudit(
          tx,
          "consultation.mailIn",
          { type: "consultation", id: row.id },
          {
            kind: "reply",
            messageId: mail.messageId,
            from: mail.from,
            files: files.map((f) => f.name),
          },
        );
        return `2.0.0 Filed as a reply to consultation ${row.id}`;
      }
      const subject = mail.subject.replace(replyPrefix, "").trim().slice(0, 200) || noSubject;
      const fields = { category: "other", subject, body: mail.text || noBody };
      const created = await fileConsultation(tx, localUpload(fields, files), { byMail: true });
      await setMailInConsultation(tx, mail.messageId, created.id);
      await recordAudit(
        tx,
        "consultation.mailIn",
        { type: "consultation", id: created.id },
        {
          kind: "consultation",
          messageId: mail.messageId,
          from: mail.from,
          files: files.map((f) => f.name),
        },
      );
      return `2.0.0 Filed as consultation ${created.id}`;
    });
  } catch (err) {
    if (isDuplicateClaim(err) && (await findMailIn(ctx, mail.messageId))) return duplicate;
    if (err instanceof MailRefused)
      throw await refuse(err.responseCode, err.message, "返信先の相談を見る権限がありません。", {
        type: "consultation",
        id: consultationId!,
      });
    if (err instanceof AppError && err.status < 500)
      throw await refuse(550, `5.7.1 Refused by the desk (${err.code}): ${englishReason(err)}`, err.message);
    throw err;
  }
}

/** The SMTP answer is ASCII (RFC 5321); the Japanese message is in the log and the audit row. */
function englishReason(err: AppError): string {
  const issues = (err.details as { issues?: { path: string }[] } | undefined)?.issues ?? [];
  if (err.code === "FORBIDDEN") return "the sender may not file consultations by mail";
  if (err.code === "CONFLICT") return "the consultation is closed; file a new one";
  if (issues.length) return `check ${issues.map((i) => i.path || "the message").join(", ")}`;
  return "an attachment or the message was not accepted (type or size)";
}

/** Starts the desk's SMTP listener when MAILIN_* is configured (`renkei serve`); null when off. */
export async function startDeskMailIn(database: Database, config: Config, log: MailInLog): Promise<MailInListener | null> {
  if (!config.mailIn) return null;
  const ctx: Ctx = { db: database.db, engine: database.engine, config, actor: null, ip: null, userAgent: null };
  return startMailIn(config.mailIn, log, (mail) => receiveDeskMail(ctx, mail));
}
