import type pg from "pg";
import { notifyTriggers } from "./migrations/1000-change-notify.js";

/** The channel migration 1000 notifies on each committed change to sessions, users, orgs and cache_versions. */
export const CHANGE_CHANNEL = "renkei_changes";
/** The listening connection's name in pg_stat_activity. */
export const LISTENER_NAME = "renkei-change-listener";
/** The listening connection is asked this often whether the triggers that notify are all there and enabled … */
const HEARTBEAT_MS = 5_000;
/** … and is trusted only while its last reply is at most this old (a connection that died silently hears nothing). */
const TRUSTED_MS = 12_000;
/** A lost connection is opened again, at the first request, after this long. */
const RETRY_MS = 1_000;
/** … or, when the triggers are missing, after this long. */
const MISSING_RETRY_MS = 60_000;

/**
 * PostgreSQL's part of `Database.changeMark`: one connection per instance, outside the pool, that LISTENs on
 * the channel and counts what it hears. `heard()` is that count while the connection is listening and has
 * answered lately, else undefined (nothing may be served from memory: the caller reads the database). It
 * connects on first use, so a CLI command or a test that never asks opens no connection. Each new start
 * counts once more, so nothing kept under an earlier count is taken for current after a gap.
 */
export function changeListener(pgLib: typeof pg, connectionString: string) {
  let client: pg.Client | null = null;
  let listening = false;
  let closed = false;
  let count = 0;
  let answeredAt = 0;
  let heartbeat: NodeJS.Timeout | undefined;
  let notBefore = 0;

  const drop = (c: pg.Client, after = RETRY_MS) => {
    if (client !== c) return;
    client = null;
    listening = false;
    clearInterval(heartbeat);
    notBefore = Date.now() + after;
    c.end().catch(() => {});
  };

  /** Whether every trigger of migration 1000 is there and enabled (a database not yet migrated, or one restored without them, notifies nothing). */
  const triggersOn = async (c: pg.Client) => {
    const { rows } = await c.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_trigger WHERE tgname = ANY($1) AND tgenabled <> 'D'",
      [notifyTriggers],
    );
    return rows[0]?.n === notifyTriggers.length;
  };

  function start() {
    if (client || closed || Date.now() < notBefore) return;
    const c = new pgLib.Client({ connectionString, keepAlive: true, application_name: LISTENER_NAME });
    client = c;
    c.on("notification", (n) => {
      if (n.channel === CHANGE_CHANNEL) count++;
    });
    c.on("error", () => drop(c));
    c.on("end", () => drop(c));
    c.connect()
      .then(() => c.query(`LISTEN ${CHANGE_CHANNEL}`))
      .then(() => triggersOn(c))
      .then(
        (on) => {
          if (client !== c) return;
          if (!on) return drop(c, MISSING_RETRY_MS);
          count++;
          answeredAt = Date.now();
          listening = true;
          heartbeat = setInterval(() => {
            if (Date.now() - answeredAt > TRUSTED_MS) return drop(c);
            triggersOn(c).then(
              (on) => {
                if (on) answeredAt = Date.now();
                else drop(c, MISSING_RETRY_MS);
              },
              () => drop(c),
            );
          }, HEARTBEAT_MS);
          heartbeat.unref();
        },
        () => drop(c),
      );
  }

  return {
    heard(): number | undefined {
      if (!listening) {
        start();
        return undefined;
      }
      return Date.now() - answeredAt <= TRUSTED_MS ? count : undefined;
    },
    async close(): Promise<void> {
      closed = true;
      const c = client;
      if (c) {
        client = null;
        listening = false;
        clearInterval(heartbeat);
        await c.end().catch(() => {});
      }
    },
  };
}
