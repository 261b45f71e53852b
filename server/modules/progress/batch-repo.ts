import type { Ctx } from "../../platform/context.js";
import type { DB } from "../../platform/db/schema.js";

/** Parameters per statement, under SQLite's 32,766 and PostgreSQL's 65,535 limits. */
const MAX_PARAMS = 30_000;

/**
 * Inserts rows in as few statements as the engines allow (bulk imports, seeds, recomputations).
 * `conflict` receives Kysely's OnConflictBuilder to turn the insert into an upsert.
 */
export async function insertChunked<T extends keyof DB & string>(
  ctx: Pick<Ctx, "db">,
  table: T,
  rows: DB[T][],
  conflict?: (oc: any) => any,
): Promise<void> {
  if (!rows.length) return;
  const size = Math.max(1, Math.floor(MAX_PARAMS / Object.keys(rows[0]!).length));
  for (let i = 0; i < rows.length; i += size) {
    let q = ctx.db.insertInto(table).values(rows.slice(i, i + size) as any);
    if (conflict) q = q.onConflict(conflict);
    await q.execute();
  }
}

/** `SET col = excluded.col` for every column given (the portable upsert of both engines). */
export const takeExcluded = (cols: string[]) => (eb: any) => Object.fromEntries(cols.map((c) => [c, eb.ref(`excluded.${c}`)]));
