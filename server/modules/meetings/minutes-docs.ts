import { AlignmentType, Paragraph, type Table } from "docx";
import { marked, type Token, type Tokens } from "marked";
import { PDFDocument } from "pdf-lib";
import { warekiDateTime } from "../../../shared/dates/format.js";
import type { Ctx } from "../../platform/context.js";
import { notFound } from "../../platform/errors.js";
import { docxFile, docxHeading, docxRun, docxTable } from "../../platform/files/docx-styles.js";
import { loadJapaneseFont, numberPages, PdfWriter as Writer } from "../../platform/files/pdf.js";
import { fontkit } from "../../platform/lazy-libs.js";
import { visibleMeeting } from "./access.js";
import { listAttendance } from "./attendance.js";
import { meetingPlace, meetingWhen } from "./meeting-mail.js";
import { getMinutes } from "./minutes.js";
import { meetingName } from "./naming.js";
import { disclosedAgenda } from "./present.js";
import { listAgendaRows } from "./repo.js";

/** One block of the 議事の経過: what the minutes' formatted text is made of, for documents. */
export type Block =
  | { kind: "heading"; level: number; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "item"; text: string; ordered: number | null }
  | { kind: "table"; rows: string[][] }
  | { kind: "quote"; text: string };

/** The usual 議事録 layout: 日時・場所・出席者・次第・議事の経過・決定事項. */
export interface MinutesDocument {
  meeting: string;
  /** 「<meeting> 議事録」: the document's title and file name. */
  title: string;
  /** 「第2版（公開 令和…）」 or 「案」 for a revision not yet published. */
  status: string;
  when: string;
  place: string;
  attendees: string[];
  agenda: string[];
  proceedings: Block[];
  decisions: string[];
}

export const sectionTitles = ["日時", "場所", "出席者", "次第", "議事の経過", "決定事項"] as const;

const inline = (tokens: Token[] | undefined, fallback: string): string =>
  tokens
    ? tokens
        .map((t) => ("tokens" in t && t.tokens ? inline(t.tokens, "") : t.type === "br" ? "\n" : "text" in t ? t.text : ""))
        .join("")
    : fallback;

/** The formatted text as blocks, through the same parser the renderer uses (no HTML involved). */
export function blocksOf(md: string): Block[] {
  const out: Block[] = [];
  const walk = (tokens: Token[]) => {
    for (const t of tokens) {
      if (t.type === "heading") out.push({ kind: "heading", level: t.depth, text: inline(t.tokens, t.text) });
      else if (t.type === "paragraph" || t.type === "text") out.push({ kind: "paragraph", text: inline(t.tokens, t.text) });
      else if (t.type === "list") {
        const list = t as Tokens.List;
        for (const [i, item] of list.items.entries())
          out.push({
            kind: "item",
            text: inline(item.tokens, item.text),
            ordered: list.ordered ? Number(list.start || 1) + i : null,
          });
      } else if (t.type === "table") {
        const table = t as Tokens.Table;
        out.push({
          kind: "table",
          rows: [
            table.header.map((c) => inline(c.tokens, c.text)),
            ...table.rows.map((r) => r.map((c) => inline(c.tokens, c.text))),
          ],
        });
      } else if (t.type === "blockquote") out.push({ kind: "quote", text: inline((t as Tokens.Blockquote).tokens, t.text) });
      else if (t.type === "code") out.push({ kind: "paragraph", text: t.text });
    }
  };
  walk(marked.lexer(md, { gfm: true }));
  return out;
}

/** Gathers the minutes and the meeting's facts; the reader sees what they may see (the published revision, or staff's draft). */
export async function minutesDocument(ctx: Ctx, meetingId: string): Promise<MinutesDocument> {
  const loaded = await visibleMeeting(ctx, meetingId);
  const minutes = await getMinutes(ctx, meetingId);
  const cur = minutes.current;
  if (!cur) throw notFound("議事録");
  const agenda = disclosedAgenda(ctx.actor, loaded.subject, await listAgendaRows(ctx, meetingId))
    .filter((a) => a.status === "accepted")
    .sort((a, b) => a.position - b.position);
  const attendance = await listAttendance(ctx, meetingId);
  const attendees = attendance.items
    .filter((i) => i.present === true || (i.present === null && (i.mode === "in_person" || i.mode === "online")))
    .map(
      (i) =>
        `${i.org.name}${i.attendees.length ? `　${i.attendees.join("、")}` : ""}${i.mode === "online" ? "（オンライン）" : ""}`,
    );
  const meeting = meetingName(loaded.row, loaded.body.name);
  return {
    meeting,
    title: `${meeting} 議事録`,
    status:
      cur.status === "published" && cur.publishedAt
        ? `第${cur.revision}版（${warekiDateTime(cur.publishedAt)} 公開）`
        : `第${cur.revision}版（案）`,
    when: meetingWhen(loaded.row),
    place: meetingPlace(loaded.row).replace(/\n\s*/g, "／"),
    attendees: attendees.length ? attendees : ["（記録なし）"],
    agenda: agenda.map((a, i) => `${i + 1}　${a.title}`),
    proceedings: blocksOf(cur.bodyMd),
    decisions: agenda
      .filter((a) => cur.outcomes[a.id])
      .map((a) => `${agenda.indexOf(a) + 1}　${a.title}：${cur.outcomes[a.id]}`)
      .concat(agenda.some((a) => cur.outcomes[a.id]) ? [] : ["（なし）"]),
  };
}

// ---------------------------------------------------------------- PDF

/** The 議事録 as PDF (A4, Noto Sans JP embedded), with 「n / N」 page numbers at the foot of every page. */
export async function minutesPdf(m: MinutesDocument): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(await fontkit());
  const font = await doc.embedFont(loadJapaneseFont(), { subset: false });
  doc.setTitle(m.title);
  const w = new Writer(doc, font);
  w.text(m.meeting, { size: 12, center: true });
  w.text("議事録", { size: 16, center: true, gap: 2 });
  w.text(m.status, { size: 9, center: true, gap: 12 });
  const section = (n: number, title: string) => w.text(`${n}　${title}`, { size: 12, gap: 4 });
  section(1, "日時");
  w.text(m.when, { indent: 24, gap: 8 });
  section(2, "場所");
  w.text(m.place, { indent: 24, gap: 8 });
  section(3, "出席者");
  for (const a of m.attendees) w.text(a, { indent: 24 });
  w.y -= 8;
  section(4, "次第");
  for (const a of m.agenda.length ? m.agenda : ["（なし）"]) w.text(a, { indent: 24 });
  w.y -= 8;
  section(5, "議事の経過");
  for (const b of m.proceedings) {
    if (b.kind === "heading") w.text(b.text, { size: b.level <= 2 ? 11.5 : 10.5, indent: 24, gap: 2 });
    else if (b.kind === "item") w.text(`${b.ordered ? `${b.ordered}.` : "・"}${b.text}`, { indent: 36 });
    else if (b.kind === "quote") w.text(b.text, { indent: 40, gap: 4 });
    else if (b.kind === "table") w.table(b.rows);
    else w.text(b.text, { indent: 24, gap: 4 });
  }
  w.y -= 8;
  section(6, "決定事項");
  for (const d of m.decisions) w.text(d, { indent: 24 });
  numberPages(doc, font);
  return doc.save();
}

// ---------------------------------------------------------------- DOCX

/** The 議事録 as Word (docx), headings as Word headings, tables with borders, 「n / N」 in the footer. */
export async function minutesDocx(m: MinutesDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    docxHeading("title", m.title, { size: 32 }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [docxRun(m.status, { size: 18 })] }),
  ];
  const section = (n: number, title: string) =>
    children.push(docxHeading(1, `${n}　${title}`, { size: 24, spacing: { before: 200 } }));
  const body = (text: string, indent = 1) =>
    children.push(new Paragraph({ indent: { left: indent * 420 }, children: [docxRun(text)] }));
  section(1, "日時");
  body(m.when);
  section(2, "場所");
  body(m.place);
  section(3, "出席者");
  for (const a of m.attendees) body(a);
  section(4, "次第");
  for (const a of m.agenda.length ? m.agenda : ["（なし）"]) body(a);
  section(5, "議事の経過");
  for (const b of m.proceedings) {
    if (b.kind === "heading") children.push(docxHeading(2, b.text, { indent: 420 }));
    else if (b.kind === "item") body(`${b.ordered ? `${b.ordered}.` : "・"}${b.text}`, 2);
    else if (b.kind === "quote") body(b.text, 3);
    else if (b.kind === "table") children.push(docxTable(b.rows));
    else body(b.text);
  }
  section(6, "決定事項");
  for (const d of m.decisions) body(d);
  return docxFile(m.title, children);
}
