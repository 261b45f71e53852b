/**
 * iCalendar (RFC 5545) by hand: CRLF line ends, lines folded at 75 octets without splitting a
 * UTF-8 character, TEXT values escaped. Times are written in UTC ("Z"), which every client reads
 * and which needs no VTIMEZONE block. No CR or LF can reach a line other than as the escaped "\n" of a
 * TEXT value: every line is stripped of control characters before folding.
 */

export interface IcsEvent {
  uid: string;
  start: string;
  end: string;
  summary: string;
  location?: string;
  description?: string;
  url?: string;
  status: "CONFIRMED" | "TENTATIVE" | "CANCELLED";
  sequence: number;
  lastModified: string;
}

/** A TEXT value: \ ; , escaped, and every line break (CRLF, LF or a lone CR) written as "\n". */
export const escapeText = (s: string) =>
  s
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");

/** Control characters (CR and LF included; tab kept) never belong inside a content line. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
const stripControls = (line: string) => line.replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, "");

/** Folds a content line so no physical line exceeds 75 octets (continuations start with one space). */
export function fold(line: string): string {
  const out: string[] = [];
  let cur = "";
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    const limit = out.length === 0 ? 75 : 74; // continuation lines spend one octet on the leading space
    if (bytes + n > limit) {
      out.push(cur);
      cur = "";
      bytes = 0;
    }
    cur += ch;
    bytes += n;
  }
  out.push(cur);
  return out.join("\r\n ");
}

/** 2025-10-01T05:00:00.000Z → 20251001T050000Z */
export const icsTime = (iso: string) =>
  new Date(iso)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

export interface CalendarOptions {
  /** PUBLISH (a copy to import or subscribe to) or CANCEL (iTIP: remove the event with this UID). */
  method?: "PUBLISH" | "CANCEL";
  /** The sender, required by iTIP for a cancellation ("Renkei <noreply@…>" or a bare address). */
  organizer?: string;
  /** For a subscribed feed: how often calendar programs should fetch it again, e.g. "PT1H". */
  refresh?: string;
  now?: string;
}

const mailto = (from: string) => {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  const name = /^\s*"?([^"<]*?)"?\s*</.exec(from)?.[1];
  return `ORGANIZER${name ? `;CN="${name.replace(/"/g, "")}"` : ""}:mailto:${address.trim()}`;
};

export function buildCalendar(name: string, events: IcsEvent[], opts: CalendarOptions = {}): string {
  const now = opts.now ?? new Date().toISOString();
  const method = opts.method ?? "PUBLISH";
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Renkei//Meetings//JA",
    "CALSCALE:GREGORIAN",
    `METHOD:${method}`,
    `X-WR-CALNAME:${escapeText(name)}`,
    "X-WR-TIMEZONE:Asia/Tokyo",
  ];
  if (opts.refresh) lines.push(`REFRESH-INTERVAL;VALUE=DURATION:${opts.refresh}`, `X-PUBLISHED-TTL:${opts.refresh}`);
  for (const e of events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${e.uid}`,
      `DTSTAMP:${icsTime(now)}`,
      `DTSTART:${icsTime(e.start)}`,
      `DTEND:${icsTime(e.end)}`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.url) lines.push(`URL:${e.url}`);
    if (opts.organizer) lines.push(mailto(opts.organizer));
    lines.push(
      `STATUS:${method === "CANCEL" ? "CANCELLED" : e.status}`,
      `SEQUENCE:${e.sequence}`,
      `LAST-MODIFIED:${icsTime(e.lastModified)}`,
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return `${lines.map((l) => fold(stripControls(l))).join("\r\n")}\r\n`;
}
