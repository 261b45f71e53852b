import { createHash } from "node:crypto";
import type { Compilable, CompiledQuery } from "kysely";
import type pg from "pg";
import type { Db, Engine, Tx } from "./database.js";

const MARK = "\u0000renkei-slot:";
const MAX_SHAPES = 64;
/** At most this many statements are named on PostgreSQL (each connection keeps those it has run). */
const MAX_NAMED = 2000;
/** Under test every run is built again the ordinary way and compared, so a query that does not fit the rules below fails loudly. */
const VERIFY = process.env.NODE_ENV === "test";

type Value = string | number | boolean | null | undefined;
type Params = Record<string, Value | readonly Value[]>;
type Compiled = { query: CompiledQuery; slots: (readonly [string, number] | null)[] };

/**
 * A query built and compiled by Kysely once per shape, then run with new values: for the queries
 * nearly every request runs (the session lookup, the lists), where building and compiling cost more
 * than SQLite takes to answer (≈85 µs for the notice list).
 *
 * `build(db, p, engine)` is written as usual, with one rule: a non-empty string of `p`, or of a list
 * in `p`, may only be used as a value in the query, never to decide what the query looks like.
 * They reach `build` as placeholders and are bound on each run. What may decide the shape: whether a
 * string is absent or empty, a list's length, and every other value (booleans, numbers, null), which
 * reach `build` as they are and so may also be written into the SQL (a LIMIT on SQLite). A number that
 * changes on each request and should be bound instead (an OFFSET) is named in `bound`; a string that
 * decides the shape (a sort order) is named in `literal`, and reaches `build` as it is. A shape where
 * a string is changed on its way into the query (a LIKE pattern made of it) is built on every run.
 * The SQL is the same Kysely would build each time, so query logs and plans are unchanged.
 */
export function preparedQuery<P extends { [K in keyof P]: Value | readonly Value[] }, R>(
  build: (db: Db, p: P, engine: Engine) => Compilable<R> & { execute(): Promise<unknown[]> },
  { bound = [], literal = [] }: { bound?: readonly (keyof P & string)[]; literal?: readonly (keyof P & string)[] } = {},
) {
  const shapes = new Map<string, Compiled | null>();
  const isSlot = (k: string, v: unknown) =>
    typeof v === "string"
      ? v !== "" && !(literal as readonly string[]).includes(k)
      : typeof v === "number" && (bound as readonly string[]).includes(k);
  const placeholders = (params: P) => {
    const p: Params = {};
    for (const [k, v] of Object.entries(params as Params))
      p[k] = Array.isArray(v) ? v.map((e, i) => (isSlot("", e) ? `${MARK}${k}\u0001${i}` : e)) : isSlot(k, v) ? `${MARK}${k}` : v;
    return p as P;
  };
  const kindOf = (k: string, v: unknown) => (isSlot(k, v) ? "?" : typeof v === "string" ? JSON.stringify(v) : String(v));
  const shapeOf = (engine: Engine, params: P) => {
    let key: string = engine;
    for (const [k, v] of Object.entries(params as Params))
      key += `|${k}=${Array.isArray(v) ? `[${v.map((e) => kindOf("", e)).join()}]` : kindOf(k, v)}`;
    return key;
  };
  return async (db: Db | Tx, engine: Engine, params: P): Promise<R[]> => {
    const key = shapeOf(engine, params);
    let c = shapes.get(key);
    if (c === undefined) {
      c = compile(build(db as Db, placeholders(params), engine).compile());
      if (c && engine === "postgres") nameStatement(c.query.sql);
      if (shapes.size >= MAX_SHAPES) shapes.delete(shapes.keys().next().value!);
      shapes.set(key, c);
    }
    if (c === null) return (await build(db as Db, params, engine).execute()) as R[];
    const { query, slots } = c;
    const parameters = slots.map((s, i) => {
      if (s === null) return query.parameters[i];
      const v = (params as Params)[s[0]];
      return s[1] < 0 ? v : (v as readonly Value[])[s[1]];
    });
    if (VERIFY) verify(build(db as Db, params, engine).compile(), query.sql, parameters);
    return (await db.executeQuery<R>({ ...query, parameters } as CompiledQuery<R>)).rows;
  };
}

/**
 * Where each placeholder went; null when one was changed on its way (a LIKE pattern made of it) or
 * written into the SQL: such a shape is built afresh on each run, as without this helper.
 */
function compile(query: CompiledQuery): Compiled | null {
  if (query.sql.includes(MARK)) return null;
  const slots: Compiled["slots"] = [];
  for (const v of query.parameters) {
    if (typeof v !== "string" || !v.includes(MARK)) slots.push(null);
    else if (!v.startsWith(MARK)) return null;
    else {
      const [name, index] = v.slice(MARK.length).split("\u0001");
      slots.push([name!, index === undefined ? -1 : Number(index)]);
    }
  }
  return { query, slots };
}

function verify(fresh: CompiledQuery, sql: string, parameters: unknown[]) {
  if (fresh.sql !== sql || JSON.stringify(fresh.parameters) !== JSON.stringify(parameters))
    throw new Error(`preparedQuery: the cached shape differs from a fresh build:\n${sql}\n${fresh.sql}`);
}

/** The SQL of cached shapes on PostgreSQL, with the name each is prepared under. */
const named = new Map<string, string>();
function nameStatement(sql: string) {
  if (named.size < MAX_NAMED && !named.has(sql))
    named.set(sql, `renkei_${createHash("sha256").update(sql).digest("hex").slice(0, 24)}`);
}

/**
 * node-pg runs a query that has a name as a named prepared statement: parsed and planned once per
 * connection, then only bound and executed on later runs. A pool client given to this runs the SQL
 * of preparedQuery's cached shapes that way (their number is bounded, and the name is a hash of
 * the text, so one name never means two statements); any other SQL runs as before.
 */
export function nameCachedShapes(client: pg.PoolClient) {
  const query = client.query.bind(client) as (text: unknown, values?: unknown, cb?: unknown) => unknown;
  client.query = ((text: unknown, values?: unknown, cb?: unknown) => {
    const name = typeof text === "string" ? named.get(text) : undefined;
    return name ? query({ name, text, values }, cb) : query(text, values, cb);
  }) as typeof client.query;
}
