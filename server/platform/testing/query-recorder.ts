import type { LogEvent } from "kysely";
import { buildApp } from "../../app.js";
import type { Config } from "../../config.js";
import { openDatabase } from "../db/database.js";
import type { App } from "../http/types.js";
import { settledMark } from "./change-mark.js";

export interface RecordedQuery {
  sql: string;
  params: readonly unknown[];
}

/**
 * The real app on its own handle to a database with every query it runs recorded: what a request
 * costs in SQL (the query-plan test, and bench:http's SQL ceiling).
 */
export async function queryRecorder(config: Config) {
  let recording: RecordedQuery[] | null = null;
  const log = (e: LogEvent) => {
    if (e.level === "query" && recording) recording.push({ sql: e.query.sql, params: e.query.parameters });
  };
  const database = openDatabase({ ...config, log });
  const app: App = await buildApp({ config: { ...config, logLevel: "silent" }, database });
  await app.ready();
  // Sessions are answered from memory only once the database gives a change mark (on PostgreSQL, once the
  // listener has heard itself): until then a recording would also hold the session's query.
  await settledMark(database);
  return {
    database,
    /**
     * The queries of one signed-in GET (the third of three, so first-use work is not counted: the first
     * may also note the session as seen, a write after which the second reads the session again);
     * `between` runs after the first two (e.g. a write that makes a cached view be computed again).
     */
    async record(url: string, cookie: string, between?: () => Promise<unknown>): Promise<RecordedQuery[]> {
      await app.inject({ method: "GET", url, headers: { cookie } });
      await app.inject({ method: "GET", url, headers: { cookie } });
      await between?.();
      recording = [];
      const res = await app.inject({ method: "GET", url, headers: { cookie } });
      const out = recording;
      recording = null;
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      return out;
    },
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
