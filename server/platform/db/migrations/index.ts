import type { Migration } from "kysely/migration";
import * as m0001 from "./0001-foundation.js";
import * as m0002 from "./0002-files.js";
import * as m0500 from "./0500-search.js";
import * as m0100 from "./0100-meetings.js";
import * as m0400 from "./0400-desk.js";

/** Every migration, in order. Feature issues append their own file here. */
export const migrations: Record<string, Migration> = {
  "0001-foundation": m0001,
  "0002-files": m0002,
  "0500-search": m0500,
  "0100-meetings": m0100,
  "0400-desk": m0400,
};
