import { createRequire } from "node:module";
import type PgModule from "pg";
import type SanitizeHtml from "sanitize-html";

/**
 * Libraries imported on first use rather than when the server starts, so `renkei serve` answers /readyz
 * sooner and idles with less memory: exceljs (reading workbooks) and fontkit take a second or more to
 * load; the PostgreSQL driver is not needed on SQLite; sanitize-html brings postcss and htmlparser2
 * (≈ 60 modules) for the first Markdown shown. The last two are CommonJS, loaded synchronously.
 */
export const exceljs = async () => (await import("exceljs")).default;
export const fontkit = async () => (await import("./files/fontkit.js")).loadFontkit();

const require = createRequire(import.meta.url);
export const pg = (): typeof PgModule => require("pg");
export const sanitizeHtml = (): typeof SanitizeHtml => require("sanitize-html");
