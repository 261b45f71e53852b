import type { Kysely } from "kysely";
import { rebuildProgressTotals } from "../../../modules/progress/totals-repo.js";

/**
 * National scale (issue 13): the progress read models kept current on each write instead of
 * recomputed from every record (or every history row) per request — each municipality's cells per
 * programme (and their totals) now and at the end of each day with a change, per-item totals now and
 * per day, and the all-municipality
 * monthly rollup. Existing data is replayed from the history once (`rebuild`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("progress_org_state")
    .addColumn("programme_id", "text", (c) => c.notNull())
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("pct_sum", "bigint", (c) => c.notNull())
    .addColumn("pct_n", "integer", (c) => c.notNull())
    .addColumn("exceptions", "integer", (c) => c.notNull())
    .addColumn("dues", "text", (c) => c.notNull())
    .addColumn("cells", "text", (c) => c.notNull()) // last: the totals are read without stepping over it
    .addPrimaryKeyConstraint("progress_org_state_pk", ["programme_id", "org_id"])
    .execute();
  await db.schema
    .createTable("progress_org_days")
    .addColumn("programme_id", "text", (c) => c.notNull())
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("pct_sum", "bigint", (c) => c.notNull())
    .addColumn("pct_n", "integer", (c) => c.notNull())
    .addColumn("exceptions", "integer", (c) => c.notNull())
    .addColumn("dues", "text", (c) => c.notNull())
    .addColumn("cells", "text", (c) => c.notNull()) // last: the totals are read without stepping over it
    .addPrimaryKeyConstraint("progress_org_days_pk", ["programme_id", "org_id", "day"])
    .execute();
  // The summary and "as of" read the totals from these indexes alone, never the rows with their cells.
  const totals = ["pct_sum", "pct_n", "exceptions", "dues"];
  await db.schema
    .createIndex("progress_org_state_totals")
    .on("progress_org_state")
    .columns(["programme_id", "org_id", ...totals])
    .execute();
  await db.schema
    .createIndex("progress_org_days_totals")
    .on("progress_org_days")
    .columns(["programme_id", "org_id", "day", ...totals])
    .execute();
  await db.schema
    .createTable("progress_item_totals")
    .addColumn("item_id", "text", (c) => c.primaryKey())
    .addColumn("pct_sum", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("pct_n", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable("progress_item_days")
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("pct_sum", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("pct_n", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("progress_item_days_pk", ["item_id", "day"])
    .execute();
  await db.schema
    .createTable("progress_rollup_totals")
    .addColumn("programme_id", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("pct_sum", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("pct_n", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("progress_rollup_totals_pk", ["programme_id", "month"])
    .execute();
}

/** Existing data replayed from the history (after the last migration). The first read counts the online figures (0935). */
export async function rebuild(db: Kysely<any>): Promise<void> {
  const programmes = await db.selectFrom("progress_programmes").select("id").execute();
  for (const p of programmes) await rebuildProgressTotals({ db }, p.id as string, { online: false });
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "progress_rollup_totals",
    "progress_item_days",
    "progress_item_totals",
    "progress_org_days",
    "progress_org_state",
  ])
    await db.schema.dropTable(t).execute();
}
