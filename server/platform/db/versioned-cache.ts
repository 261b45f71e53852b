import type { Ctx } from "../context.js";

/**
 * In-memory copies of what the database answers, each valid while the `cache_versions` counters it
 * depends on are unchanged. Triggers raise the counters on every write to the tables behind them,
 * whatever code, CLI, SQL or instance makes it (migrations 0650 "reference": settings, bodies and
 * memberships; 0880/0921 "progress", "progress_past": the national progress views; 0950
 * "table:<name>": the tables the cached lists read). So several instances behind a load balancer stay
 * correct: a change is seen by the next request everywhere.
 *
 * A signed-in GET reads every counter with its session, in the same statement (`ctx.versions`), so
 * checking a copy costs no query; elsewhere the counters a copy needs are read in one query. The
 * counters are read before the data: data newer than its counters costs one extra load, never a
 * stale answer. Inside a transaction nothing is cached (the transaction may have changed the data
 * and may still roll back). Copies are per database handle and shared: callers must not mutate them.
 */
type Store = Map<string, { tag: string; value: unknown }>;

/** A counter's current value: from the session's read when there is one, else from the database. */
export async function cacheVersion(ctx: Pick<Ctx, "db" | "versions">, key: string): Promise<number> {
  const known = ctx.versions?.get(key);
  if (known !== undefined) return known;
  const row = await ctx.db.selectFrom("cache_versions").select("version").where("key", "=", key).executeTakeFirst();
  return Number(row?.version ?? 0);
}

/** The values of `keys` as one tag ("3,17,…"). */
async function tagOf(ctx: Ctx, keys: readonly string[]): Promise<string> {
  if (ctx.versions) return keys.map((k) => ctx.versions!.get(k) ?? 0).join();
  const rows = await ctx.db.selectFrom("cache_versions").select(["key", "version"]).where("key", "in", keys).execute();
  const of = new Map(rows.map((r) => [r.key, Number(r.version)]));
  return keys.map((k) => of.get(k) ?? 0).join();
}

let last: { text: string | null; versions: ReadonlyMap<string, number> } = { text: null, versions: new Map() };

/**
 * The counters as the session query returns them ("reference:3,table:meetings:17,…"), as a map.
 * Keys may hold ":"; the value is what follows the last one. The text is the same on every request
 * until something is written, so the last one's map is reused.
 */
export function parseVersions(text: string | null): ReadonlyMap<string, number> {
  if (text === last.text) return last.versions;
  const versions = new Map<string, number>();
  for (const pair of text ? text.split(",") : []) {
    const at = pair.lastIndexOf(":");
    versions.set(pair.slice(0, at), Number(pair.slice(at + 1)));
  }
  last = { text, versions };
  return versions;
}

/**
 * A cache of at most `max` copies per database handle, most recently used kept. `get(ctx, key,
 * counters, load, tag, valid)` returns the copy of `key` made while `counters` had their present values,
 * with the same `tag` (e.g. today's date, for what depends on the day) and for which `valid` still
 * holds (e.g. the clock has not reached a row's time), or loads a new one.
 */
export function versionedCache(max: number) {
  const stores = new WeakMap<object, Store>();
  return async function get<T>(
    ctx: Ctx,
    key: string,
    counters: readonly string[],
    load: () => Promise<T>,
    tag = "",
    valid?: (value: T) => boolean,
  ): Promise<{ value: T; hit: boolean; tag: string }> {
    if (ctx.db.isTransaction) return { value: await load(), hit: false, tag: "" };
    const full = `${await tagOf(ctx, counters)}|${tag}`;
    let store = stores.get(ctx.db);
    if (!store) {
      store = new Map();
      stores.set(ctx.db, store);
    }
    const found = store.get(key);
    if (found?.tag === full && (!valid || valid(found.value as T))) {
      store.delete(key); // most recently used last
      store.set(key, found);
      return { value: found.value as T, hit: true, tag: full };
    }
    const value = await load();
    store.delete(key);
    store.set(key, { tag: full, value });
    if (store.size > max) store.delete(store.keys().next().value!);
    return { value, hit: false, tag: full };
  };
}

const references = versionedCache(64);

/** Small reference data nearly every request reads (settings, bodies and memberships): `load(ctx)` once per change. */
export async function cachedReference<T>(ctx: Ctx, key: string, tag: string, load: (ctx: Ctx) => Promise<T>): Promise<T> {
  return (await references(ctx, key, ["reference"], () => load(ctx), tag)).value;
}

/**
 * Under test every copy served is checked against a fresh load, so a table missing from `tables` fails
 * loudly, and copies are frozen, so a caller that changes one fails too.
 */
const VERIFY = process.env.NODE_ENV === "test";
/** Pages of 50 rows at most, or a prefecture's meetings: a few tens of MB at most when full. */
const reads = versionedCache(500);
/** A person's own few rows (the home page's cards, the first notifications): one set per active user. */
const personal = versionedCache(4000);

interface ReadOptions<T> {
  /** For queries compared with the clock: whether the copy still answers now (see `untilPassed`). */
  valid?: (value: T) => boolean;
  /** Keyed by a user or organisation: kept apart from the lists, so many people do not push them out. */
  personal?: boolean;
}

/**
 * What a list's queries return, kept while the tables they read are unchanged: `tables` names every
 * table the queries read (each has a counter, migrations 0950 and 0960), `key` everything else the
 * result depends on (their parameters, the actor's organisation…). For the lists nearly every page
 * shows, where reading and converting rows costs more than the rest of the request; not for unbounded
 * results (an export), which would sit in memory. Under test a copy served is compared with a fresh load.
 */
export async function cachedRead<T>(
  ctx: Ctx,
  tables: readonly string[],
  key: string,
  load: () => Promise<T>,
  options: ReadOptions<T> = {},
): Promise<T> {
  const counters = tables.map((t) => `table:${t}`);
  const { value, hit, tag } = await (options.personal ? personal : reads)(
    ctx,
    `${tables.join()}|${key}`,
    counters,
    VERIFY ? async () => deepFreeze(await load()) : load,
    "",
    options.valid,
  );
  if (VERIFY && hit) {
    const fresh = await load();
    // A write by another request since this one read the counters is no fault: its result is simply newer.
    const moved = `${await tagOf({ ...ctx, versions: undefined }, counters)}|` !== tag;
    if (!moved && JSON.stringify(fresh) !== JSON.stringify(value))
      throw new Error(
        `cachedRead: the copy of ${key} (tables ${tables.join(", ")}) differs from the database: a table it reads is not named`,
      );
  }
  return value;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * `valid` for rows read with a clock condition (`time >= now` or `time > now`, up to a limit): while the
 * clock is before every row's time, no row has left the answer and none can have entered it (rows enter
 * only by a write, which moves a table's counter), so the copy read at an earlier instant is still exact.
 */
export const untilPassed =
  <R>(now: string, timeOf: (row: R) => string) =>
  (rows: readonly R[]) =>
    rows.every((r) => now < timeOf(r));
