/** The kinds of file a feature accepts. Detection is by content (magic bytes), not by the name. */
export const fileKinds = {
  pdf: { mimes: ["application/pdf"], label: "PDF" },
  office: {
    mimes: [
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
      "application/x-cfb",
    ],
    label: "Word・Excel・PowerPoint",
  },
  image: { mimes: ["image/png", "image/jpeg", "image/gif", "image/webp"], label: "画像（PNG・JPEG・GIF・WebP）" },
  text: { mimes: ["text/plain", "text/csv"], label: "テキスト・CSV" },
  zip: { mimes: ["application/zip"], label: "ZIP" },
} as const;

export type FileKind = keyof typeof fileKinds;

/** What meetings, notices, documents and consultations accept by default. */
export const documentKinds: FileKind[] = ["pdf", "office", "image", "text"];
