import type { AddressInfo } from "node:net";
import type { Readable } from "node:stream";
import type { MailInConfig } from "../../config.js";
import { trimQuoted } from "./text.js";

/** A message refused at SMTP level: the client (the relay) gets `code` and the text, and bounces it to the sender. */
export class MailRefused extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** A message as the feature sees it: decoded, the body as plain text without the quoted tail. */
export interface InboundMail {
  messageId: string;
  /** The From header's address, lower case. */
  from: string;
  subject: string;
  text: string;
  /** In-Reply-To first, then References from the newest back. */
  references: string[];
  attachments: { name: string; bytes: Buffer }[];
  remoteAddress: string;
  /** An automatic message (Auto-Submitted other than "no", or an auto-reply's Precedence / X-Autoreply). */
  automatic: boolean;
}

export interface MailInLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface MailInListener {
  port: number;
  close(): Promise<void>;
}

const domainOf = (address: string) => address.slice(address.lastIndexOf("@") + 1).toLowerCase();

/**
 * Renkei's own SMTP listener for one address (smtp-server; messages read with mailparser). Refuses at
 * SMTP level what it can tell before the data (relay not allowed, another recipient, a sender domain
 * not allowed, a declared size too big), reads at most `maxBytes` of a message, and hands the decoded
 * message to `deliver`, whose MailRefused becomes the 5xx answer. No AUTH, no STARTTLS: it sits behind
 * the prefecture's relay on the closed network (MAILIN_RELAY_HOSTS).
 */
export async function startMailIn(
  cfg: MailInConfig,
  log: MailInLog,
  deliver: (mail: InboundMail) => Promise<string>,
): Promise<MailInListener> {
  const { SMTPServer } = await import("smtp-server");
  const refuse = (code: number, text: string, cb: (err?: Error | null) => void, detail: object) => {
    log.warn({ mailIn: detail, code }, `mail-in refused: ${text}`);
    cb(new MailRefused(code, text));
  };
  const server = new SMTPServer({
    name: domainOf(cfg.address),
    banner: "Renkei desk mail-in",
    size: cfg.maxBytes,
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    closeTimeout: 5000,
    onConnect(session, cb) {
      if (cfg.relayHosts.length && !cfg.relayHosts.includes(normaliseIp(session.remoteAddress)))
        return refuse(554, "5.7.1 This host may not send mail here: only the configured relays (MAILIN_RELAY_HOSTS)", cb, {
          remote: session.remoteAddress,
        });
      cb();
    },
    onMailFrom(address, session, cb) {
      const declared = Number((address.args || {}).SIZE ?? 0);
      if (declared > cfg.maxBytes)
        return refuse(552, `5.3.4 Message too big: at most ${cfg.maxBytes} bytes`, cb, {
          remote: session.remoteAddress,
          declared,
        });
      if (cfg.senderDomains.length && !cfg.senderDomains.includes(domainOf(address.address)))
        return refuse(550, "5.7.1 Sender domain not accepted by the desk (MAILIN_SENDER_DOMAINS)", cb, {
          remote: session.remoteAddress,
          from: address.address,
        });
      cb();
    },
    onRcptTo(address, session, cb) {
      if (address.address.toLowerCase() !== cfg.address)
        return refuse(550, `5.1.1 No such recipient here: this server takes mail for ${cfg.address} only`, cb, {
          remote: session.remoteAddress,
          to: address.address,
        });
      cb();
    },
    onData(stream, session, cb) {
      const seen: { remote: string; from?: string; messageId?: string } = { remote: session.remoteAddress };
      void (async () => {
        const bytes = await readAtMost(stream, cfg.maxBytes);
        if (!bytes) throw new MailRefused(552, `5.3.4 Message too big: at most ${cfg.maxBytes} bytes`);
        const mail = await parse(bytes, session.remoteAddress);
        Object.assign(seen, { from: mail.from, messageId: mail.messageId });
        if (mail.automatic) {
          // RFC 3834: an out-of-office or other automatic answer is taken and dropped, never bounced (no mail loops).
          log.info(
            { mailIn: { remote: session.remoteAddress, from: mail.from, messageId: mail.messageId } },
            "mail-in dropped an automatic message",
          );
          return "2.0.0 Automatic message (Auto-Submitted) taken, not filed";
        }
        if (cfg.senderDomains.length && !cfg.senderDomains.includes(domainOf(mail.from)))
          throw new MailRefused(550, "5.7.1 Sender domain not accepted by the desk (MAILIN_SENDER_DOMAINS)");
        return deliver(mail);
      })().then(
        (answer) => cb(null, answer),
        (err: unknown) => {
          if (err instanceof MailRefused) return refuse(err.responseCode, err.message, cb, seen);
          log.warn({ err, mailIn: seen }, "mail-in failed");
          const e = new MailRefused(451, "4.3.0 Temporary failure, try again later");
          cb(e);
        },
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(cfg.port, cfg.host, () => resolve());
  });
  server.on("error", (err) => log.warn({ err }, "mail-in listener error"));
  const port = (server.server.address() as AddressInfo).port;
  log.info({ port, address: cfg.address }, "mail-in listening");
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const normaliseIp = (ip: string) => ip.replace(/^::ffff:/, "").toLowerCase();

/** The message's bytes, or null when it is longer than max (the rest is read and dropped, so the session can answer). */
async function readAtMost(stream: Readable & { sizeExceeded?: boolean }, max: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= max) chunks.push(chunk);
  }
  return size > max || stream.sizeExceeded ? null : Buffer.concat(chunks);
}

const idList = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? v.split(/\s+/) : []).filter(Boolean);

/** MIME decoding (charsets such as ISO-2022-JP through iconv-lite, encoded words, HTML-only mail as text) by mailparser. */
async function parse(bytes: Buffer, remoteAddress: string): Promise<InboundMail> {
  const { simpleParser } = await import("mailparser");
  const m = await simpleParser(bytes, { skipImageLinks: true, skipTextToHtml: true });
  const from = m.from?.value[0]?.address?.toLowerCase() ?? "";
  if (!from) throw new MailRefused(550, "5.1.7 The message has no From address");
  if (!m.messageId) throw new MailRefused(550, "5.6.0 The message has no Message-ID");
  return {
    messageId: m.messageId,
    from,
    subject: (m.subject ?? "").trim(),
    text: trimQuoted(m.text ?? ""),
    references: [...idList(m.inReplyTo), ...idList(m.references).reverse()],
    attachments: m.attachments
      .filter((a) => a.contentDisposition === "attachment" || a.filename)
      .map((a, i) => ({ name: a.filename || `attachment-${i + 1}`, bytes: a.content })),
    remoteAddress,
    automatic: isAutomatic(m.headers),
  };
}

function isAutomatic(headers: Map<string, unknown>): boolean {
  const h = (name: string) => String(headers.get(name) ?? "").toLowerCase();
  const auto = h("auto-submitted");
  return (
    (!!auto && auto !== "no" && !auto.startsWith("no;")) ||
    ["auto_reply", "bulk", "junk", "list"].includes(h("precedence")) ||
    !!h("x-autoreply") ||
    !!h("x-autorespond")
  );
}
