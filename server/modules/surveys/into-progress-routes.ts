import type { App } from "../../platform/http/types.js";

/** Routes of the survey → progress mapping (they need the progress module's data model). */
export function progressRoutes(_app: App) {}
