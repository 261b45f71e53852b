import type { Migration } from "kysely/migration";
import * as m0001 from "./0001-foundation.js";

/** Every migration, in order. Feature issues append their own file here. */
export const migrations: Record<string, Migration> = {
  "0001-foundation": m0001,
};
