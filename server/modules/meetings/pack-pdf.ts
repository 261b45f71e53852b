import fs from "node:fs";
import { createRequire } from "node:module";
import { PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";
import { jstDate } from "../../../shared/dates/calendar.js";
import { warekiDate } from "../../../shared/dates/wareki.js";
import { fontkit } from "../../platform/lazy-libs.js";
import { jstTime } from "./naming.js";

/** The Japanese font ships with the project (npm package), so the pack never depends on the server's fonts. */
const fontPath = createRequire(import.meta.url).resolve("@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf");
let fontBytes: Buffer | null = null;
const loadFont = () => {
  fontBytes ??= fs.readFileSync(fontPath);
  return fontBytes;
};

export interface PackInput {
  name: string;
  startsAt: string;
  endsAt: string;
  place: string;
  onlineUrl: string | null;
  agenda: { number: number; title: string; presenter: string; durationMinutes: number }[];
  materials: { label: string; title: string; mime: string; bytes: () => Buffer }[];
}

const A4 = [595.28, 841.89] as const;
const margin = 56;
const weekdays = ["日", "月", "火", "水", "木", "金", "土"];

/** Splits text into lines that fit the width, character by character (Japanese has no spaces to break at). */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const para of text.split("\n")) {
    let line = "";
    for (const ch of para) {
      if (line && font.widthOfTextAtSize(line + ch, size) > width) {
        lines.push(line);
        line = "";
      }
      line += ch;
    }
    lines.push(line);
  }
  return lines;
}

/** Writes flowing text onto cover pages, adding a page when one is full. */
class CoverWriter {
  page: PDFPage;
  y: number;
  constructor(
    private doc: PDFDocument,
    private font: PDFFont,
  ) {
    this.page = doc.addPage([...A4]);
    this.y = A4[1] - margin;
  }
  text(text: string, opts: { size?: number; indent?: number; gap?: number } = {}) {
    const size = opts.size ?? 11;
    const indent = opts.indent ?? 0;
    for (const line of wrap(text, this.font, size, A4[0] - 2 * margin - indent)) {
      if (this.y - size < margin) {
        this.page = this.doc.addPage([...A4]);
        this.y = A4[1] - margin;
      }
      this.y -= size * 1.6;
      this.page.drawText(line, { x: margin + indent, y: this.y, size, font: this.font, color: rgb(0.1, 0.1, 0.1) });
    }
    this.y -= opts.gap ?? 0;
  }
}

function when(startsAt: string, endsAt: string) {
  const d = jstDate(new Date(startsAt));
  const dow = weekdays[new Date(`${d}T00:00:00Z`).getUTCDay()];
  return `${warekiDate(d)}（${dow}） ${jstTime(startsAt)}〜${jstTime(endsAt)}`;
}

function stamp(page: PDFPage, label: string, font: PDFFont) {
  const size = 10;
  const w = font.widthOfTextAtSize(label, size) + 12;
  const { width, height } = page.getSize();
  const x = width - w - 16;
  const y = height - 28;
  page.drawRectangle({ x, y, width: w, height: 18, color: rgb(1, 1, 1), borderColor: rgb(0.2, 0.2, 0.2), borderWidth: 0.8 });
  page.drawText(label, { x: x + 6, y: y + 5, size, font, color: rgb(0.1, 0.1, 0.1) });
}

/**
 * The meeting pack: a cover with the name, date, place, agenda and list of materials, then every
 * PDF material's pages stamped with its label (資料2-1 …). Other files are listed but not included.
 */
export async function buildPack(input: PackInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(await fontkit());
  // Full embedding on purpose: pdf-lib's fontkit subsetter drops most glyphs of Noto Sans JP (the text still
  // extracts, but the page shows blanks), checked by rendering the cover with pdftoppm. Costs ~3 MB per pack.
  const font = await doc.embedFont(loadFont(), { subset: false });
  doc.setTitle(input.name);
  doc.setLanguage("ja-JP");
  doc.setProducer("Renkei");

  const cover = new CoverWriter(doc, font);
  cover.text(input.name, { size: 16, gap: 12 });
  cover.text(`日時　${when(input.startsAt, input.endsAt)}`);
  cover.text(`場所　${input.place || "—"}`);
  if (input.onlineUrl) cover.text(`オンライン　${input.onlineUrl}`);
  cover.text("", { gap: 6 });
  cover.text("次第", { size: 13, gap: 4 });
  if (!input.agenda.length) cover.text("（議題は未定です）", { indent: 16 });
  for (const a of input.agenda)
    cover.text(`${a.number}　${a.title}${a.presenter ? `（${a.presenter}）` : ""}　${a.durationMinutes}分`, { indent: 16 });
  cover.text("", { gap: 6 });
  cover.text("資料一覧", { size: 13, gap: 4 });
  if (!input.materials.length) cover.text("（資料はありません）", { indent: 16 });

  const included: { label: string; pages: PDFPage[] }[] = [];
  for (const m of input.materials) {
    let note = "";
    if (m.mime !== "application/pdf") note = "（PDF以外のため本冊子には含まれません。個別にダウンロードしてください）";
    else {
      try {
        const src = await PDFDocument.load(m.bytes(), { ignoreEncryption: true, updateMetadata: false });
        const pages = await doc.copyPages(src, src.getPageIndices());
        included.push({ label: m.label, pages });
        note = `（${pages.length}ページ）`;
      } catch {
        note = "（PDFを読み込めなかったため含まれません。個別にダウンロードしてください）";
      }
    }
    cover.text(`${m.label}　${m.title}${note}`, { indent: 16 });
  }
  for (const { label, pages } of included) {
    for (const p of pages) {
      doc.addPage(p);
      stamp(p, label, font);
    }
  }
  return doc.save({ useObjectStreams: true });
}
