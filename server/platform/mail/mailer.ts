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
