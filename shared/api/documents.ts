import { z } from "zod";
import { pageQuery } from "./paging.js";

export const documentKindsList = ["material", "minutes", "report", "guideline", "national", "form", "other"] as const;
export type DocumentKind = (typeof documentKindsList)[number];
export const documentKindLabels: Record<DocumentKind, { ja: string; en: string }> = {
  material: { ja: "会議資料", en: "Meeting material" },
  minutes: { ja: "議事録", en: "Minutes" },
  report: { ja: "報告書", en: "Report" },
  guideline: { ja: "手引き・ガイドライン", en: "Guideline" },
  national: { ja: "国の資料", en: "National government" },
  form: { ja: "様式", en: "Form" },
  other: { ja: "その他", en: "Other" },
};

/** "shared" (the council-wide area) or a body's id. */
export const area = z.union([z.literal("shared"), z.uuid({ error: "会議体の指定が正しくありません" })]);

/** Metadata fields of an upload; multipart sends them as text, so numbers and lists are parsed here. */
const documentMeta = z.object({
  title: z.string().trim().min(1, "表題を入力してください").max(200, "表題は200文字以内にしてください"),
  kind: z.enum(documentKindsList, { error: "種別を選んでください" }),
  fiscalYear: z
    .union([z.number(), z.string()])
    .transform((v) => (v === "" ? null : Number(v)))
    .pipe(z.number().int().min(1989, "年度は西暦（例：2025）で入力してください").max(2100).nullable())
    .nullable(),
  source: z.string().trim().max(300, "出典は300文字以内にしてください").nullable(),
  /** Comma- or space-separated in a form; an array in JSON. */
  tags: z
    .union([z.array(z.string()), z.string()])
    .transform((v) => (Array.isArray(v) ? v : v.split(/[,、\s]+/)))
    .transform((v) => [...new Set(v.map((t) => t.trim()).filter(Boolean))])
    .pipe(z.array(z.string().max(40, "タグは40文字以内にしてください")).max(20, "タグは20個までです")),
});
/** The fields of a new version (multipart): a note on what changed. */
export const versionFields = z.object({ note: z.string().trim().max(500, "メモは500文字以内にしてください").default("") });
export const uploadFields = documentMeta.extend({
  area,
  folderId: z
    .string()
    .optional()
    .transform((v) => v || null)
    .pipe(z.uuid("フォルダの指定が正しくありません").nullable()),
  note: versionFields.shape.note,
  fiscalYear: documentMeta.shape.fiscalYear.default(null),
  source: documentMeta.shape.source.default(null),
  tags: documentMeta.shape.tags.default([]),
});
/** A document or a new version carries exactly one file (checked by the server on the multipart body, and by the form before sending). */
export const oneFileMessage = "ファイルを1つ選んでください";
export const documentPatch = documentMeta.extend({ folderId: z.uuid().nullable() }).partial();

export const documentQuery = z.object({
  area: area.optional(),
  folderId: z.uuid().optional(),
  kind: z.enum(documentKindsList).optional(),
  fiscalYear: z.coerce.number().int().optional(),
  tag: z.string().max(40).optional(),
  q: z.string().trim().max(100).optional(),
  ...pageQuery.shape,
});
export const zipQuery = z.object({
  ids: z
    .string()
    .transform((s) => [...new Set(s.split(",").filter(Boolean))])
    .pipe(
      z
        .array(z.uuid("資料の指定が正しくありません"))
        .min(1, "資料を選んでください")
        .max(100, "一度にまとめられるのは100件までです"),
    ),
});

const documentAbilities = z.object({ canEdit: z.boolean(), canDelete: z.boolean() });
const fileInfo = z.object({ name: z.string(), mime: z.string(), size: z.number().int(), previewable: z.boolean() });

const documentItem = z.object({
  id: z.string(),
  area: z.object({ bodyId: z.string().nullable(), name: z.string() }),
  folder: z.object({ id: z.string(), name: z.string() }).nullable(),
  title: z.string(),
  kind: z.enum(documentKindsList),
  fiscalYear: z.number().int().nullable(),
  source: z.string().nullable(),
  tags: z.array(z.string()),
  currentVersion: z.number().int(),
  file: fileInfo,
  org: z.object({ id: z.string(), name: z.string() }),
  updatedAt: z.string(),
  abilities: documentAbilities,
});
export type DocumentItem = z.infer<typeof documentItem>;

const documentVersion = z.object({
  version: z.number().int(),
  note: z.string(),
  file: fileInfo,
  textStatus: z.enum(["pending", "done", "none", "failed"]),
  createdBy: z.string(),
  createdAt: z.string(),
});
export const documentDetail = documentItem.extend({ versions: z.array(documentVersion) });
export type DocumentDetail = z.infer<typeof documentDetail>;
export const documentList = z.object({ items: z.array(documentItem), total: z.number().int() });

export const folderInput = z.object({
  area,
  name: z.string().trim().min(1, "フォルダ名を入力してください").max(100, "フォルダ名は100文字以内にしてください"),
});
export const folderPatch = folderInput.pick({ name: true });
export const folder = z.object({
  id: z.string(),
  bodyId: z.string().nullable(),
  name: z.string(),
  documentCount: z.number().int(),
  abilities: z.object({ canEdit: z.boolean() }),
});
export const folderList = z.object({
  items: z.array(folder),
  /** Whether the actor may upload to this area and make folders in it. */
  abilities: z.object({ canUpload: z.boolean(), canManageFolders: z.boolean() }),
});
