import nodemailer, { type Transporter } from "nodemailer";
import type { Config } from "../../config.js";

const transports = new Map<string, Transporter>();

/** One pooled SMTP transport per SMTP_URL; null when mail is kept in the outbox only. */
export function mailTransport(config: Config): Transporter | null {
  if (!config.smtpUrl) return null;
  let t = transports.get(config.smtpUrl);
  if (!t) {
    t = nodemailer.createTransport(config.smtpUrl);
    transports.set(config.smtpUrl, t);
  }
  return t;
}
