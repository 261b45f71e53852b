/** The yearly plan's PDF button: loaded with the council-year pages (features/council-year/index.ts). */
export const yearPrint = {
  "plan.pdf": ["PDFで出力（A4横）", "Export to PDF (A4 landscape)"],
} as const;
