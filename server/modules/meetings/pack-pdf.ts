import { PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";
import subsetFont from "subset-font";
import { jstDate, jstTime, weekdayOf } from "../../../shared/dates/jst.js";
import { warekiDate } from "../../../shared/dates/wareki.js";
import { loadJapaneseFont as loadFont, wrap } from "../../platform/files/pdf.js";
import { fontkit } from "../../platform/lazy-libs.js";
import { readablePdf } from "./pdf-readable.js";

/** Bumped when the pack's layout changes, so cached packs are built again. */
export const PACK_FORMAT = 2;

export interface PackInput {
  name: string;
  startsAt: string;
  endsAt: string;
  place: string;
  onlineUrl: string | null;
  agenda: { number: number; title: string; presenter: string; durationMinutes: number }[];
  materials: { label: string; title: string; mime: string; bytes: () => Buffer | Promise<Buffer> }[];
}

const A4 = [595.28, 841.89] as const;
const margin = 56;
const contentWidth = A4[0] - 2 * margin;
const pageColumn = 64; // right-hand column of 資料一覧 that holds the start page
const weekdays = ["日", "月", "火", "水", "木", "金", "土"];
const ink = rgb(0.1, 0.1, 0.1);

interface Entry {
  text: string;
  size?: number;
  indent?: number;
  gap?: number;
  /** A material: its start page goes in the right-hand column. */
  material?: number;
}
interface Line {
  text: string;
  size: number;
  x: number;
  y: number;
  material?: number;
}

/** Lays out the cover's entries onto as many pages as they need. */
function layoutCover(entries: Entry[], font: PDFFont): Line[][] {
  const pages: Line[][] = [[]];
  let y = A4[1] - margin;
  for (const e of entries) {
    const size = e.size ?? 11;
    const indent = e.indent ?? 0;
    const width = contentWidth - indent - (e.material !== undefined ? pageColumn : 0);
    wrap(e.text, font, size, width).forEach((text, i) => {
      if (y - size * 1.6 < margin + 24) {
        pages.push([]);
        y = A4[1] - margin;
      }
      y -= size * 1.6;
      pages.at(-1)!.push({ text, size, x: margin + indent, y, material: i === 0 ? e.material : undefined });
    });
    y -= e.gap ?? 0;
  }
  return pages;
}

function when(startsAt: string, endsAt: string) {
  const d = jstDate(startsAt);
  return `${warekiDate(d)}（${weekdays[weekdayOf(d)]}） ${jstTime(startsAt)}〜${jstTime(endsAt)}`;
}

/** A label in a white box (the material's number top right, the page number at the foot). */
function boxed(page: PDFPage, label: string, font: PDFFont, at: "top-right" | "bottom-centre") {
  const size = at === "top-right" ? 10 : 9;
  const w = font.widthOfTextAtSize(label, size) + 12;
  const { width, height } = page.getSize();
  const x = at === "top-right" ? width - w - 16 : (width - w) / 2;
  const y = at === "top-right" ? height - 28 : 10;
  const border = at === "top-right" ? { borderColor: rgb(0.2, 0.2, 0.2), borderWidth: 0.8 } : {};
  page.drawRectangle({ x, y, width: w, height: size + 8, color: rgb(1, 1, 1), ...border });
  page.drawText(label, { x: x + 6, y: y + 4.5, size, font, color: ink });
}

const pageLabel = (n: number, total: number) => `${n} / ${total}`;

/**
 * The meeting pack: a cover with the name, date, place, agenda and 資料一覧 (with each material's start
 * page), then every PDF material's pages stamped with its label (資料2-1 …), a page number on every page.
 * Protected PDFs that only forbid editing are decrypted; what cannot be read (an open password, a damaged
 * file, not a PDF) is listed on the cover as not included, never added as blank pages. The Japanese font is
 * subset to the characters the pack uses (HarfBuzz, via subset-font), so it adds tens of kilobytes, not megabytes.
 */
export async function buildPack(input: PackInput, opts: { fullFont?: boolean } = {}): Promise<Uint8Array> {
  const materials = [];
  for (const m of input.materials) materials.push({ ...m, ...(await readablePdf(m.mime, m.bytes)) });

  const entries: Entry[] = [
    { text: input.name, size: 16, gap: 12 },
    { text: `日時　${when(input.startsAt, input.endsAt)}` },
    { text: `場所　${input.place || "—"}` },
    ...(input.onlineUrl ? [{ text: `オンライン　${input.onlineUrl}` }] : []),
    { text: "", gap: 6 },
    { text: "次第", size: 13, gap: 4 },
    ...(input.agenda.length ? [] : [{ text: "（議題は未定です）", indent: 16 }]),
    ...input.agenda.map((a) => ({
      text: `${a.number}　${a.title}${a.presenter ? `（${a.presenter}）` : ""}　${a.durationMinutes}分`,
      indent: 16,
    })),
    { text: "", gap: 6 },
    { text: "資料一覧", size: 13, gap: 4 },
    ...(materials.length ? [] : [{ text: "（資料はありません）", indent: 16 }]),
    ...materials.map((m, i) => ({
      text: `${m.label}　${m.title}${"doc" in m ? `（${m.doc.getPageCount()}ページ）` : `（${m.reason}）`}`,
      indent: 16,
      material: "doc" in m ? i : undefined,
    })),
  ];

  const doc = await PDFDocument.create();
  doc.registerFontkit(await fontkit());
  const used = new Set([
    ...entries.map((e) => e.text).join(""),
    ...materials.map((m) => m.label).join(""),
    ..."0123456789 /ページ",
  ]);
  // `fullFont` embeds the whole font instead: only for checking that the subset renders the same.
  const fontData = opts.fullFont ? loadFont() : await subsetFont(loadFont(), [...used].join(""), { targetFormat: "truetype" });
  const font = await doc.embedFont(fontData, { subset: false });
  doc.setTitle(input.name);
  doc.setLanguage("ja-JP");
  doc.setProducer("Renkei");

  const cover = layoutCover(entries, font);
  const starts = new Map<number, number>();
  let next = cover.length + 1;
  materials.forEach((m, i) => {
    if (!("doc" in m)) return;
    starts.set(i, next);
    next += m.doc.getPageCount();
  });
  const total = next - 1;

  for (const lines of cover) {
    const page = doc.addPage([...A4]);
    for (const l of lines) {
      page.drawText(l.text, { x: l.x, y: l.y, size: l.size, font, color: ink });
      if (l.material === undefined) continue;
      const p = `${starts.get(l.material)}`;
      page.drawText(p, { x: A4[0] - margin - font.widthOfTextAtSize(p, l.size), y: l.y, size: l.size, font, color: ink });
    }
  }
  for (const m of materials) {
    if (!("doc" in m)) continue;
    for (const p of await doc.copyPages(m.doc, m.doc.getPageIndices())) {
      doc.addPage(p);
      boxed(p, m.label, font, "top-right");
    }
  }
  doc.getPages().forEach((p, i) => {
    boxed(p, pageLabel(i + 1, total), font, "bottom-centre");
  });
  return doc.save({ useObjectStreams: true });
}
