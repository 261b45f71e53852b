import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  type ISpacingProperties,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";

/**
 * The one home of the Word (DOCX) look of what goes out under the prefecture's name (the 議事録, the annual
 * report): 游明朝 / Century at 10.5 pt, bold headings kept with what follows, tables with thin borders and the
 * header row repeated, A4 with 25 mm margins and 「n / N」 centred in the footer. Sizes are in half-points
 * (21 = 10.5 pt), indents and spacing in twentieths of a point (420 = two characters).
 */

const font = { eastAsia: "游明朝", ascii: "Century" };

interface RunStyle {
  bold?: boolean;
  size?: number;
}

/** A run of text in the house font. */
export const docxRun = (text: string, o: RunStyle = {}) => new TextRun({ text, bold: o.bold, size: o.size ?? 21, font });

/** Text whose lines each start on a new line of the same paragraph (a table cell's 「50.0％\n注」). */
const docxLines = (text: string, o: RunStyle = {}) =>
  text.split("\n").map((l, i) => new TextRun({ text: l, break: i ? 1 : 0, bold: o.bold, size: o.size ?? 21, font }));

const headingLevels = { title: HeadingLevel.TITLE, 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2 } as const;

/** A Word heading (the title is centred), bold, never left alone at the foot of a page. */
export const docxHeading = (
  level: keyof typeof headingLevels,
  text: string,
  o: { size?: number; spacing?: ISpacingProperties; indent?: number } = {},
) =>
  new Paragraph({
    heading: headingLevels[level],
    alignment: level === "title" ? AlignmentType.CENTER : undefined,
    spacing: o.spacing,
    indent: o.indent ? { left: o.indent } : undefined,
    keepNext: true,
    children: [docxRun(text, { bold: true, size: o.size })],
  });

const border = { style: BorderStyle.SINGLE, size: 4, color: "333333" };

/**
 * A full-width table with thin borders; the first row is the header (bold, repeated on every page, shaded
 * with `headerFill`), rows never split across pages. `weights` share out the column widths, `right` names
 * the columns whose figures stand right-aligned.
 */
export const docxTable = (
  rows: string[][],
  o: { weights?: number[]; right?: number[]; size?: number; headerFill?: string } = {},
) => {
  const total = o.weights?.reduce((s, x) => s + x, 0) ?? 0;
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: o.weights?.map((x) => Math.round((x / total) * 9070)),
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: rows.map(
      (r, i) =>
        new TableRow({
          tableHeader: i === 0,
          cantSplit: true,
          children: r.map(
            (c, j) =>
              new TableCell({
                shading: i === 0 && o.headerFill ? { fill: o.headerFill } : undefined,
                children: [
                  new Paragraph({
                    alignment: i > 0 && o.right?.includes(j) ? AlignmentType.RIGHT : AlignmentType.LEFT,
                    children: docxLines(c, { bold: i === 0, size: o.size }),
                  }),
                ],
              }),
          ),
        }),
    ),
  });
};

/** The document as a file: A4 portrait, 25 mm margins, the house font throughout, 「n / N」 centred in the footer. */
export function docxFile(title: string, children: (Paragraph | Table)[]): Promise<Buffer> {
  const doc = new Document({
    title,
    styles: { default: { document: { run: { font } } } },
    sections: [
      {
        properties: {
          page: { size: { width: 11906, height: 16838 }, margin: { top: 1418, bottom: 1418, left: 1418, right: 1418 } },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT, " / ", PageNumber.TOTAL_PAGES] })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
