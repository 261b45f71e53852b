import { EventEmitter } from "node:events";
import type { PDFDocument } from "pdf-lib";

/**
 * The font engine pdf-lib embeds fonts with: fontkit 2, behind the small interface pdf-lib was written for.
 * pdf-lib's own fork (@pdf-lib/fontkit 1.1) cuts Noto Sans JP's glyph outlines apart when it subsets the font
 * (`embedFont(…, { subset: true })`): the PDF's text could be copied and searched, but most characters were blank
 * on paper and in every viewer. fontkit 2 writes whole outlines; the one difference in its API is that a subset
 * encodes to bytes (`encode()`), where pdf-lib reads a stream (`encodeStream()`).
 */
type Fontkit = Parameters<PDFDocument["registerFontkit"]>[0];
interface Subset {
  encode(): Uint8Array;
}

/** Delegates everything to `target`, with `overrides` in front (methods keep `target` as their `this`). */
function delegate<T extends object>(target: T, overrides: Record<string, unknown>): T {
  return new Proxy(target, {
    get(t, key) {
      if (typeof key === "string" && key in overrides) return overrides[key];
      const value = Reflect.get(t, key, t);
      return typeof value === "function" ? value.bind(t) : value;
    },
  });
}

const asStream = (subset: Subset) => () => {
  const stream = new EventEmitter();
  setImmediate(() => {
    stream.emit("data", subset.encode());
    stream.emit("end");
  });
  return stream;
};

export async function loadFontkit(): Promise<Fontkit> {
  const fontkit = await import("fontkit");
  return {
    create: (data: Uint8Array) => {
      const font = fontkit.create(data) as { createSubset(): Subset };
      return delegate(font, {
        createSubset: () => {
          const subset = font.createSubset();
          return delegate(subset, { encodeStream: asStream(subset) });
        },
      });
    },
  } as unknown as Fontkit;
}
