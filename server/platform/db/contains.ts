import { sql } from "kysely";
import type { Engine } from "./database.js";

/** A LIKE pattern for "contains text", with the wildcards % and _ (and \) in the text taken literally. */
const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, "\\$&")}%`;

/**
 * The one "contains" filter: `column` contains `text`, case-insensitive on both engines (ILIKE on
 * PostgreSQL; SQLite's LIKE already ignores ASCII case), wildcards in the text taken literally.
 *   q.where(contains(ctx, "users.name", f.q))      eb.or([contains(ctx, "a", t), contains(ctx, "b", t)])
 */
export const contains = (ctx: { engine: Engine }, column: string, text: string) =>
  sql<boolean>`${sql.ref(column)} ${sql.raw(ctx.engine === "postgres" ? "ILIKE" : "LIKE")} ${containsPattern(text)} ESCAPE '\\'`;
