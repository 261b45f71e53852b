import { type Kysely, PostgresAdapter } from "kysely";
import { recomputeItems } from "../../../modules/progress/recompute.js";
import type { Ctx } from "../../context.js";

/**
 * KPI (metric) percentages stored before the fiscal-year rule of issue 18 (rules.ts, metricProgress:
 * the latest fiscal year with a *reported value*; a KPI without a value is no data, never 0%) kept the
 * old rule until their item was recomputed. Each live metric item is recomputed here, by the one
 * function a definition change uses, so records, history, rollup and totals move together.
 * Archived items are out of the figures and wait: restoring an item recomputes it (programmes.ts).
 */
export async function up(): Promise<void> {}

/** The recomputation, after the last migration (its code writes today's schema). */
export async function rebuild(db: Kysely<any>): Promise<void> {
  const engine = db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
  // A migration has no configuration and no actor; the recomputation reads only the database and the engine.
  const ctx = { db, engine, actor: null, ip: null, userAgent: null } as unknown as Ctx;
  const items = await db
    .selectFrom("progress_items")
    .select("id")
    .where("tracking", "=", "metrics")
    .where("archived", "=", 0)
    .orderBy("id")
    .execute();
  for (const { id } of items) await recomputeItems(ctx, [id as string]);
}

/** Nothing to undo: the figures follow the data under either rule, and the history keeps what they were. */
export async function down(): Promise<void> {}
