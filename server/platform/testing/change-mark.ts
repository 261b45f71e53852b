import type { Database } from "../db/database.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The database's change mark once there is one (Database.changeMark): on PostgreSQL the listener
 * connects at the first ask and gives a mark only once its own notification has come back, so until
 * then every signed-in request reads its session.
 */
export async function settledMark(database: Database): Promise<string> {
  for (let i = 0; i < 500; i++) {
    const mark = database.changeMark?.();
    if (mark !== undefined) return mark;
    await sleep(10);
  }
  throw new Error("no change mark after 5 s");
}
