import { PDFDocument } from "pdf-lib";
import { handoverKindLabels } from "../../../shared/api/handover.js";
import { jstDate } from "../../../shared/dates/jst.js";
import { warekiDate } from "../../../shared/dates/wareki.js";
import type { Ctx } from "../../platform/context.js";
import type { Download } from "../../platform/files/download.js";
import { loadJapaneseFont, numberPages, PdfWriter } from "../../platform/files/pdf.js";
import { fontkit } from "../../platform/lazy-libs.js";
import { prefectureWithContact } from "../orgs/index.js";
import { handoverLetter } from "./service.js";

/** The 引継ぎ書 as a PDF in 公用文 (和暦, A4), through the one Japanese typesetter. */
export async function handoverLetterPdf(ctx: Ctx, successorId: string): Promise<Download> {
  const letter = await handoverLetter(ctx, successorId);
  const pref = await prefectureWithContact(ctx);
  const doc = await PDFDocument.create();
  doc.registerFontkit(await fontkit());
  const font = await doc.embedFont(loadJapaneseFont(), { subset: true });
  doc.setTitle(`引継ぎ書（${letter.successor.name}）`);
  const w = new PdfWriter(doc, font);
  w.text(warekiDate(jstDate()), { right: true, gap: 6 });
  w.text(`${letter.successor.org}`, { gap: 0 });
  w.text(`${letter.successor.name} 様`, { size: 12, gap: 6 });
  w.text(`${pref?.name ?? ""}${pref?.department ? ` ${pref.department}` : ""}`, { right: true, gap: 14 });
  w.text("引継ぎ書", { size: 16, center: true, gap: 12 });
  if (!letter.entries.length) w.text("人事異動に伴い引き継いだ業務はありません。", { gap: 8 });
  else {
    const from = [...new Set(letter.entries.map((e) => e.from))].join("、");
    w.text(`人事異動に伴い、${from}から引き継いだ業務は、下記のとおりです。期限のあるものは、期限までに対応してください。`, {
      gap: 10,
    });
    w.text("記", { center: true, gap: 6 });
    w.table(
      [
        ["番号", "種別", "件名", "期限", "前任者"],
        ...letter.entries.map((e, i) => [
          String(i + 1),
          handoverKindLabels[e.kind].ja,
          e.title,
          e.due ? warekiDate(e.due) : "―",
          e.from,
        ]),
      ],
      { size: 9, weights: [0.6, 1.6, 4, 1.8, 1.4], right: [0] },
    );
    w.text("以上", { right: true, gap: 10 });
  }
  if (pref?.person || pref?.phone)
    w.text(`（問合せ先）${[pref.department, pref.person, pref.phone].filter(Boolean).join("　")}`, { size: 9 });
  numberPages(doc, font);
  return {
    filename: `引継ぎ書_${letter.successor.name}.pdf`,
    contentType: "application/pdf",
    body: Buffer.from(await doc.save()),
  };
}
