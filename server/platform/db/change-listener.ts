import { randomBytes } from "node:crypto";
import type pg from "pg";
import { notifyTriggers } from "./migrations/1000-change-notify.js";

/** The channel migration 1000 notifies on each committed change to sessions, users, orgs and cache_versions. */
const CHANGE_CHANNEL = "renkei_changes";
/** The listening connection's name in pg_stat_activity. */
export const LISTENER_NAME = "renkei-change-listener";
/** The listening connection checks this often that the triggers are on and that a notification reaches it … */
const HEARTBEAT_MS = 5_000;
/** … and is trusted only while its last check passed at most this long ago. */
const TRUSTED_MS = 12_000;
/** A lost connection is opened again, at the first request, after this long … */
const RETRY_MS = 1_000;
/** … or, when the triggers are missing or disabled, or its own probe never came back, after this long. */
const MISSING_RETRY_MS = 60_000;

/**
 * PostgreSQL's part of `Database.changeMark`: one connection per instance, outside the pool, that LISTENs on
 * the channel and counts what it hears. `heard()` is that count while the connection is trusted, else
 * undefined (nothing may be served from memory: the caller reads the database).
 *
 * Trusted means: every trigger of migration 1000 is there and enabled (a database not yet migrated, or
 * restored without them, notifies nothing), and a notification this connection sent to a channel of its
 * own came back within the last 12 s. That proves the whole path, which a live connection alone does not: a
 * pooler in transaction mode (PgBouncer's default) answers queries but passes no notification on.
 *
 * It connects on first use, so a CLI command or a test that never asks opens no connection. Each start
 * counts once more, so nothing kept under an earlier count is taken for current after a gap.
 */
export function changeListener(pgLib: typeof pg, connectionString: string) {
  const probeChannel = `renkei_probe_${randomBytes(8).toString("hex")}`;
  let client: pg.Client | null = null;
  let closed = false;
  let count = 0;
  let trustedAt = 0;
  let probe = 0;
  let heartbeat: NodeJS.Timeout | undefined;
  let notBefore = 0;

  const drop = (c: pg.Client, after = RETRY_MS) => {
    if (client !== c) return;
    client = null;
    trustedAt = 0;
    clearInterval(heartbeat);
    notBefore = Date.now() + after;
    c.end().catch(() => {});
  };

  /** Checks the triggers, then sends a probe; its return, heard in `start`, renews the trust. */
  const check = async (c: pg.Client) => {
    const { rows } = await c.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_trigger WHERE tgname = ANY($1) AND tgenabled <> 'D'",
      [notifyTriggers],
    );
    if (rows[0]?.n !== notifyTriggers.length) return drop(c, MISSING_RETRY_MS);
    await c.query("SELECT pg_notify($1, $2)", [probeChannel, String(++probe)]);
  };

  function start() {
    if (client || closed || Date.now() < notBefore) return;
    const c = new pgLib.Client({ connectionString, keepAlive: true, application_name: LISTENER_NAME });
    client = c;
    c.on("notification", (n) => {
      if (n.channel === CHANGE_CHANNEL) count++;
      else if (n.channel === probeChannel && n.payload === String(probe) && client === c) trustedAt = Date.now();
    });
    c.on("error", () => drop(c));
    c.on("end", () => drop(c));
    c.connect()
      .then(() => c.query(`LISTEN ${CHANGE_CHANNEL}; LISTEN ${probeChannel}`))
      .then(() => {
        if (client !== c) return;
        count++; // whatever happened before this connection listened is unknown
        heartbeat = setInterval(() => {
          // Never heard its own probe (a pooler in between): try again much later; heard once, then lost: soon.
          if (!trustedAt) return drop(c, MISSING_RETRY_MS);
          if (Date.now() - trustedAt > TRUSTED_MS) return drop(c);
          check(c).catch(() => drop(c));
        }, HEARTBEAT_MS);
        heartbeat.unref();
        return check(c);
      })
      .catch(() => drop(c));
  }

  return {
    heard(): number | undefined {
      if (!client) start();
      return trustedAt && Date.now() - trustedAt <= TRUSTED_MS ? count : undefined;
    },
    async close(): Promise<void> {
      closed = true;
      const c = client;
      if (c) {
        client = null;
        trustedAt = 0;
        clearInterval(heartbeat);
        await c.end().catch(() => {});
      }
    },
  };
}
