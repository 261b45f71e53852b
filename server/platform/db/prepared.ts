import type { Compilable, CompiledQuery } from "kysely";
import type { Db, Engine, Tx } from "./database.js";

const MARK = "\u0000renkei-slot:";

/**
 * A query built and compiled by Kysely once per engine, then run with new values each time: for
 * the few queries nearly every request runs (the session lookup), where building and compiling
 * cost more than SQLite takes to answer. `build(db, slot)` writes the query with `slot("name")`
 * wherever a value of `params` goes (single values only, not lists); other values are constants.
 * The SQL is the same Kysely would build each time, so query logs and plans are unchanged.
 */
export function preparedQuery<P extends Record<string, string | number | null>, R>(
  build: (db: Db, slot: (name: keyof P & string) => never) => Compilable<R>,
) {
  const compiled = new Map<Engine, { query: CompiledQuery<R>; slots: (string | null)[] }>();
  return async (db: Db | Tx, engine: Engine, params: P): Promise<R[]> => {
    let c = compiled.get(engine);
    if (!c) {
      const query = build(db as Db, (name) => `${MARK}${name}` as never).compile();
      const slots = query.parameters.map((v) => (typeof v === "string" && v.startsWith(MARK) ? v.slice(MARK.length) : null));
      c = { query, slots };
      compiled.set(engine, c);
    }
    const { query, slots } = c;
    const parameters = slots.map((s, i) => (s === null ? query.parameters[i] : params[s]));
    return (await db.executeQuery<R>({ ...query, parameters })).rows;
  };
}
