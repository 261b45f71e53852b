/**
 * Libraries that take a second or more to load (exceljs, for reading workbooks; fontkit), imported on first use rather
 * than when the server starts: `renkei serve` answers /readyz sooner and idles with less memory.
 */
export const exceljs = async () => (await import("exceljs")).default;
export const fontkit = async () => (await import("./files/fontkit.js")).loadFontkit();
