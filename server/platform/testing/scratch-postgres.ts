import pg from "pg";

export interface ScratchDatabase {
  name: string;
  /** The new database's URL: the server's URL with the database name replaced. */
  url: string;
  /** Drops it, closing whatever connections are left. */
  drop(): Promise<void>;
}

/**
 * Creates an empty PostgreSQL database named `<prefix>_<random>` on the server `serverUrl` points to,
 * for one test file or one benchmark run; with `template`, a copy of that database (which nobody may be
 * connected to).
 */
export async function scratchPostgres(serverUrl: string, prefix: string, template?: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = (statement: string) => adminQuery(serverUrl, statement).then(() => undefined);
  await admin(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ""}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** One statement on its own connection to the server `serverUrl` points to (CREATE/DROP DATABASE need one). */
export async function adminQuery<Row extends object = object>(serverUrl: string, statement: string): Promise<Row[]> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return (await c.query<Row>(statement)).rows;
  } finally {
    await c.end();
  }
}
