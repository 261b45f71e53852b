import { z } from "zod";

export const idParams = z.object({ id: z.uuid({ error: "IDの形式が正しくありません" }) });
export const isoDate = z.iso.date({ error: "日付は YYYY-MM-DD の形式で入力してください" });
export const isoDateTime = z.iso.datetime({ offset: true, error: "日時の形式が正しくありません" });

/** List responses are always `{ items, total? }`. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int().optional() });

export const okResponse = z.object({ ok: z.literal(true) });
