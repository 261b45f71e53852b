import type { Compilable, CompiledQuery } from "kysely";
import type { Db, Engine, Tx } from "./database.js";

const MARK = "\u0000renkei-slot:";
const MAX_SHAPES = 64;
/** Under test every run is built again the ordinary way and compared, so a query that does not fit the rules below fails loudly. */
const VERIFY = process.env.NODE_ENV === "test";

type Value = string | number | boolean | null | undefined;
type Params = Record<string, Value | readonly string[]>;
type Compiled = { query: CompiledQuery; slots: (readonly [string, number] | null)[] };

/**
 * A query built and compiled by Kysely once per shape, then run with new values: for the queries
 * nearly every request runs (the session lookup, the lists), where building and compiling cost more
 * than SQLite takes to answer (≈85 µs for the notice list).
 *
 * `build(db, p)` is written as usual, with one rule: a non-empty string of `p`, or an element of a
 * string list, may only be used as a value in the query, never to decide what the query looks like.
 * They reach `build` as placeholders and are bound on each run. What may decide the shape: whether a
 * string is absent or empty, a list's length, and every other value (booleans, numbers, null), which
 * reach `build` as they are and so may also be written into the SQL (a LIMIT on SQLite). A number that
 * changes on each request and should be bound instead (an OFFSET) is named in `bound`.
 * The SQL is the same Kysely would build each time, so query logs and plans are unchanged.
 */
export function preparedQuery<P extends { [K in keyof P]: Value | readonly string[] }, R>(
  build: (db: Db, p: P) => Compilable<R>,
  bound: readonly (keyof P & string)[] = [],
) {
  const shapes = new Map<string, Compiled>();
  const isSlot = (k: string, v: unknown) =>
    (typeof v === "string" && v !== "") || (typeof v === "number" && (bound as readonly string[]).includes(k));
  const placeholders = (params: P) => {
    const p: Params = {};
    for (const [k, v] of Object.entries(params as Params))
      p[k] = Array.isArray(v) ? v.map((_, i) => `${MARK}${k}\u0001${i}`) : isSlot(k, v) ? `${MARK}${k}` : v;
    return p as P;
  };
  const shapeOf = (engine: Engine, params: P) => {
    let key: string = engine;
    for (const [k, v] of Object.entries(params as Params))
      key += `|${k}=${Array.isArray(v) ? `[${v.length}]` : isSlot(k, v) ? "?" : typeof v === "string" ? "''" : String(v)}`;
    return key;
  };
  return async (db: Db | Tx, engine: Engine, params: P): Promise<R[]> => {
    const key = shapeOf(engine, params);
    let c = shapes.get(key);
    if (!c) {
      const query = build(db as Db, placeholders(params)).compile();
      const slots = query.parameters.map((v) => {
        if (typeof v !== "string" || !v.startsWith(MARK)) return null;
        const [name, index] = v.slice(MARK.length).split("\u0001");
        return [name!, index === undefined ? -1 : Number(index)] as const;
      });
      c = { query, slots };
      if (shapes.size >= MAX_SHAPES) shapes.delete(shapes.keys().next().value!);
      shapes.set(key, c);
    }
    const { query, slots } = c;
    const parameters = slots.map((s, i) => {
      if (s === null) return query.parameters[i];
      const v = (params as Params)[s[0]];
      return s[1] < 0 ? v : (v as readonly string[])[s[1]];
    });
    if (VERIFY) verify(build(db as Db, params).compile(), query.sql, parameters);
    return (await db.executeQuery<R>({ ...query, parameters } as CompiledQuery<R>)).rows;
  };
}

function verify(fresh: CompiledQuery, sql: string, parameters: unknown[]) {
  if (fresh.sql !== sql || JSON.stringify(fresh.parameters) !== JSON.stringify(parameters))
    throw new Error(`preparedQuery: the cached shape differs from a fresh build:\n${sql}\n${fresh.sql}`);
}
