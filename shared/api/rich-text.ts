import { z } from "zod";

/** The formatted-text editor's preview: the text as the readers will see it, from the one server renderer. */
export const richTextPreviewInput = z.object({
  text: z.string().max(200_000, { error: "本文は200,000文字以内にしてください。" }),
});
export const richTextPreview = z.object({ html: z.string() });
