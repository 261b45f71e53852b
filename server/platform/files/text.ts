import iconv from "iconv-lite";
import { AppError } from "../errors.js";

/**
 * The one decoder for text files people bring (CSV imports from the web page and the CLI):
 * UTF-8 with or without a BOM, else Shift_JIS as Windows writes it (CP932). Anything else is
 * refused with the line and byte where it stops making sense; U+FFFD never comes out.
 */

export const cp932Label = "Shift_JIS (Windows / CP932)";
export type TextEncodingLabel = "UTF-8" | "UTF-8 (BOM)" | typeof cp932Label;

/** Where decoding failed, in the words a clerk can act on ("3行目、先頭から120バイト目"). */
function where(bytes: Uint8Array, offset: number) {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return { line, byte: offset + 1, text: `${line}行目（ファイルの先頭から${offset + 1}バイト目）` };
}

const refuse = (message: string, file: string | undefined, bytes: Uint8Array, offset: number) => {
  const at = where(bytes, offset);
  return new AppError("VALIDATION_FAILED", message.replace("{at}", at.text), {
    ...(file ? { file } : {}),
    issues: [{ path: `line ${at.line}`, message: message.replace("{at}", `${at.byte}バイト目`) }],
  });
};

/** The offset of the first byte sequence that is not UTF-8, or -1. */
function firstBadUtf8(b: Uint8Array, from: number): number {
  for (let i = from; i < b.length; ) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

const isSjisLead = (c: number) => (c >= 0x81 && c <= 0x9f) || (c >= 0xe0 && c <= 0xfc);
const isSjisTrail = (c: number) => c >= 0x40 && c <= 0xfc && c !== 0x7f;

/** Which two-byte codes CP932 defines, computed once from iconv-lite's table. */
let cp932Pairs: Uint8Array | null = null;
function definedPair(lead: number, trail: number): boolean {
  if (!cp932Pairs) {
    cp932Pairs = new Uint8Array(65536);
    for (let l = 0x81; l <= 0xfc; l++)
      if (isSjisLead(l))
        for (let t = 0x40; t <= 0xfc; t++)
          if (isSjisTrail(t)) cp932Pairs[(l << 8) | t] = iconv.decode(Buffer.from([l, t]), "cp932") === "\ufffd" ? 0 : 1;
  }
  return cp932Pairs[(lead << 8) | trail] === 1;
}

/** The offset of the first byte sequence CP932 does not define, or -1. */
function firstBadCp932(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    if (c < 0x80 || (c >= 0xa1 && c <= 0xdf)) {
      i++;
      continue;
    }
    if (!isSjisLead(c) || i + 1 >= b.length || !isSjisTrail(b[i + 1]!)) return i;
    if (!definedPair(c, b[i + 1]!)) return i;
    i += 2;
  }
  return -1;
}

/** EUC-JP: high bytes only in pairs 0xA1–0xFE, or 0x8E + half-width kana. */
function looksEucJp(b: Uint8Array): boolean {
  let pairs = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c < 0x80) continue;
    if (c === 0x8e && b[i + 1]! >= 0xa1 && b[i + 1]! <= 0xdf) i++;
    else if (c >= 0xa1 && c <= 0xfe && b[i + 1]! >= 0xa1 && b[i + 1]! <= 0xfe) i++;
    else return false;
    pairs++;
  }
  return pairs > 0;
}

/** Japanese text read as CP932 that is mostly half-width katakana is EUC-JP read wrongly. */
const mostlyHalfwidthKana = (s: string) => {
  const high = [...s].filter((ch) => ch.charCodeAt(0) >= 0x80);
  return high.filter((ch) => ch >= "\uff61" && ch <= "\uff9f").length * 2 > high.length;
};

const resave =
  "Excel の「名前を付けて保存」で「CSV UTF-8（コンマ区切り）」か「CSV（コンマ区切り）」を選んで保存し直してください。";

export function decodeText(input: Uint8Array, file?: string): { text: string; encoding: TextEncodingLabel } {
  const bytes = input;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw new AppError(
      "VALIDATION_FAILED",
      `UTF-16（Unicode テキスト）のファイルは読めません。${resave}`,
      file ? { file } : undefined,
    );
  const nul = bytes.indexOf(0);
  if (nul >= 0)
    throw refuse(
      "テキスト（CSV）ではないファイルのようです（{at}に文字でないデータがあります）。CSV ファイルを選んでください。",
      file,
      bytes,
      nul,
    );
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const badUtf8 = firstBadUtf8(bytes, bom ? 3 : 0);
  let text: string;
  let encoding: TextEncodingLabel;
  if (badUtf8 < 0) {
    text = Buffer.from(bytes.buffer, bytes.byteOffset + (bom ? 3 : 0), bytes.length - (bom ? 3 : 0)).toString("utf8");
    encoding = bom ? "UTF-8 (BOM)" : "UTF-8";
  } else if (bom) {
    throw refuse(`UTF-8 として読めない文字があります：{at}。${resave}`, file, bytes, badUtf8);
  } else {
    const badSjis = firstBadCp932(bytes);
    const sjis = badSjis < 0 ? iconv.decode(Buffer.from(bytes), "cp932") : "";
    if (looksEucJp(bytes) && (badSjis >= 0 || mostlyHalfwidthKana(sjis)))
      throw new AppError(
        "VALIDATION_FAILED",
        `EUC-JP のファイルは読めません。テキストエディタで文字コードを UTF-8 にして保存し直すか、${resave}`,
        file ? { file } : undefined,
      );
    if (badSjis >= 0)
      throw refuse(`文字コードが UTF-8 でも Shift_JIS でもありません：{at}で読めなくなりました。${resave}`, file, bytes, badSjis);
    text = sjis;
    encoding = cp932Label;
  }
  const replacement = text.indexOf("\ufffd");
  if (replacement >= 0) {
    const line = text.slice(0, replacement).split("\n").length;
    throw new AppError("VALIDATION_FAILED", `${line}行目に文字化けの印（�）があります。元のファイルを確かめてください。`, {
      ...(file ? { file } : {}),
      issues: [{ path: `line ${line}`, message: "文字化けの印（U+FFFD）があります" }],
    });
  }
  return { text, encoding };
}

/** Unicode forms that Windows writes with other code points; CP932 has the Windows ones. */
const windowsForms: Record<string, string> = {
  "\u301c": "\uff5e", // 〜 → ～
  "\u2212": "\uff0d", // − → －
  "\u2014": "\u2015", // — → ―
  "\u2016": "\u2225", // ‖ → ∥
  "\u00a2": "\uffe0", // ¢ → ￠
  "\u00a3": "\uffe1", // £ → ￡
  "\u00ac": "\uffe2", // ¬ → ￢
  "\u00a5": "\uffe5", // ¥ → ￥ (CP932's 0x5C reads back as a backslash)
};
const windowsFormsRe = new RegExp(`[${Object.keys(windowsForms).join("")}]`, "g");

/** Written where a character has no CP932 form: the customary 〓, never a silent "?". */
const unencodableMark = "〓";

/**
 * Encodes text as Shift_JIS the way Windows (CP932) reads it. Characters CP932 cannot hold
 * (e.g. 𠮷, emoji) are written as 〓 and returned, so the caller can tell the user which ones.
 */
export function encodeCp932(text: string): { bytes: Buffer; unencodable: string[] } {
  const mapped = text.replace(windowsFormsRe, (c) => windowsForms[c]!);
  const unencodable = new Set<string>();
  const seen = new Map<string, boolean>();
  const safe = mapped.replace(/[^ -~\r\n\t]/gu, (ch) => {
    let ok = seen.get(ch);
    if (ok === undefined) {
      ok = iconv.decode(iconv.encode(ch, "cp932"), "cp932") === ch;
      seen.set(ch, ok);
    }
    if (ok) return ch;
    unencodable.add(ch);
    return unencodableMark;
  });
  return { bytes: iconv.encode(safe, "cp932"), unencodable: [...unencodable] };
}
