import type { Transporter } from "nodemailer";
import type { Config } from "../../config.js";

const transports = new Map<string, Transporter>();

/** One pooled SMTP transport per SMTP_URL; null when mail is kept in the outbox only. Nodemailer loads on first use. */
export async function mailTransport(config: Config): Promise<Transporter | null> {
  if (!config.smtpUrl) return null;
  const nodemailer = (await import("nodemailer")).default;
  let t = transports.get(config.smtpUrl);
  if (!t) {
    t = nodemailer.createTransport(config.smtpUrl);
    transports.set(config.smtpUrl, t);
  }
  return t;
}

/** The domain of MAIL_FROM's address: the right-hand side of the Message-IDs Renkei gives its mails. */
function mailDomain(config: Config): string {
  const m = /@([^>\s]+)>?\s*$/.exec(config.mailFrom);
  return (m?.[1] ?? "renkei.localhost").toLowerCase();
}

/** The Message-ID of the outbox row `id` (fixed, so an answer's In-Reply-To/References lead back to the row). */
export const outboxMessageId = (config: Config, id: string) => `<${id}@${mailDomain(config)}>`;

/** The outbox row ids named by Message-IDs of Renkei's own mails (others are ignored). */
export function outboxIdsIn(config: Config, messageIds: string[]): string[] {
  const suffix = `@${mailDomain(config)}>`;
  const uuid = /^<[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}@/;
  return messageIds
    .map((m) => m.trim().toLowerCase())
    .filter((m) => m.endsWith(suffix) && uuid.test(m))
    .map((m) => m.slice(1, 37));
}
