import type { App } from "../../platform/http/types.js";

/** Spreadsheet import and export, and the definitions CSV. */
export function progressBulkRoutes(_app: App) {}
