/**
 * Where the quoted earlier message of a reply starts: Outlook's and Japanese clients' separators,
 * "On … wrote:" / 「…さんは書きました：」 attributions, the header block Outlook copies in
 * (From:/差出人:), and a run of ">" lines.
 */
const quoteStarts: RegExp[] = [
  /^-{2,}\s*(Original Message|Forwarded message|元のメッセージ|転送メッセージ|Original)\s*-{2,}/i,
  /^_{10,}\s*$/,
  /^On .{1,200} wrote:\s*$/,
  /^.{1,200}(さんは書きました|が書きました|は書きました|wrote)[：:]?\s*$/,
  /^\s*(From|差出人|送信者)\s*[:：]\s*.+/,
];

const onlyQuotes = (lines: string[], from: number) => lines.slice(from).every((l) => l.startsWith(">") || !l.trim());

/** The plain-text body without the quoted tail of earlier messages; trailing blank lines removed. */
export function trimQuoted(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const quotedRun = line.startsWith(">") && onlyQuotes(lines, i);
    // Any client's attribution ("2026年11月30日(月) 10:00 県 <desk@…>:") right before a quoted rest.
    const attribution = /[:：]\s*$/.test(line) && onlyQuotes(lines, i + 1) && lines.slice(i + 1).some((l) => l.startsWith(">"));
    if (quoteStarts.some((r) => r.test(line.trim())) || quotedRun || attribution) {
      end = i;
      break;
    }
  }
  return lines.slice(0, end).join("\n").trim();
}
