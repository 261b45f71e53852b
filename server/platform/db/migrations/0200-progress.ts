import type { Kysely } from "kysely";

/**
 * Progress (取組状況): definitions, current state, append-only history and the monthly rollup.
 * See server/modules/progress/tables.ts for why state is kept this way. Portable DDL only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const stamps = <T extends { addColumn: any }>(t: T) =>
    t.addColumn("created_at", "text", (c: any) => c.notNull()).addColumn("updated_at", "text", (c: any) => c.notNull());

  await stamps(
    db.schema
      .createTable("progress_programmes")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("code", "text", (c) => c.notNull().unique())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("name_en", "text")
      .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("deadline", "text")
      .addColumn("exception_label", "text")
      .addColumn("lag_threshold", "integer", (c) => c.notNull().defaultTo(20))
      .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("archived", "integer", (c) => c.notNull().defaultTo(0)),
  ).execute();

  await stamps(
    db.schema
      .createTable("progress_items")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("programme_id", "text", (c) => c.notNull().references("progress_programmes.id"))
      .addColumn("code", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("name_en", "text")
      .addColumn("group_label", "text")
      .addColumn("tracking", "text", (c) => c.notNull())
      .addColumn("deadline", "text")
      .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("archived", "integer", (c) => c.notNull().defaultTo(0))
      .addUniqueConstraint("progress_items_code", ["programme_id", "code"]),
  ).execute();

  for (const [table, extra] of [
    ["progress_steps", (t: any) => t.addColumn("phase", "text").addColumn("options", "text")],
    [
      "progress_metrics",
      (t: any) =>
        t.addColumn("unit", "text", (c: any) => c.notNull().defaultTo("")).addColumn("target_default", "double precision"),
    ],
  ] as const) {
    const base = db.schema
      .createTable(table)
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("item_id", "text", (c) => c.notNull().references("progress_items.id"))
      .addColumn("code", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("name_en", "text");
    await stamps(
      extra(base)
        .addColumn("sort_order", "integer", (c: any) => c.notNull().defaultTo(0))
        .addColumn("archived", "integer", (c: any) => c.notNull().defaultTo(0))
        .addUniqueConstraint(`${table}_code`, ["item_id", "code"]),
    ).execute();
  }

  await db.schema
    .createTable("progress_records")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("item_id", "text", (c) => c.notNull().references("progress_items.id"))
    .addColumn("programme_id", "text", (c) => c.notNull())
    .addColumn("pct", "integer")
    .addColumn("done_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("in_progress_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("applicable_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("due_date", "text")
    .addColumn("exception", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("exception_reason", "text")
    .addColumn("revised_target", "text")
    .addColumn("metric_fy", "integer")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addUniqueConstraint("progress_records_org_item", ["org_id", "item_id"])
    .execute();
  // Covers the dashboard's one read: every cell of a programme without touching the table.
  await db.schema
    .createIndex("progress_records_dashboard")
    .on("progress_records")
    .columns(["programme_id", "org_id", "item_id", "pct", "due_date", "exception"])
    .execute();
  // Per-item totals (dashboard, item page, "lagging behind the others") read this index alone, in order.
  await db.schema.createIndex("progress_records_item").on("progress_records").columns(["item_id", "org_id", "pct"]).execute();

  await db.schema
    .createTable("progress_step_states")
    .addColumn("record_id", "text", (c) => c.notNull().references("progress_records.id").onDelete("cascade"))
    .addColumn("step_id", "text", (c) => c.notNull().references("progress_steps.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("planned_date", "text")
    .addColumn("actual_date", "text")
    .addColumn("option", "text")
    .addColumn("reminded_for", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("progress_step_states_pk", ["record_id", "step_id"])
    .execute();
  await db.schema.createIndex("progress_step_states_planned").on("progress_step_states").column("planned_date").execute();

  await db.schema
    .createTable("progress_metric_values")
    .addColumn("record_id", "text", (c) => c.notNull().references("progress_records.id").onDelete("cascade"))
    .addColumn("metric_id", "text", (c) => c.notNull().references("progress_metrics.id"))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("value", "double precision")
    .addColumn("target", "double precision")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("progress_metric_values_pk", ["record_id", "metric_id", "fiscal_year"])
    .execute();

  await db.schema
    .createTable("progress_history")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("record_id", "text", (c) => c.notNull().references("progress_records.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "text")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("file_id", "text")
    .addColumn("changes", "text", (c) => c.notNull())
    .addColumn("pct", "integer")
    .addColumn("due_date", "text")
    .addColumn("exception", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  // "As of" = the latest row per record before a cutoff: one backward seek per record, answered from the index alone.
  await db.schema
    .createIndex("progress_history_asof")
    .on("progress_history")
    .columns(["record_id", "at", "pct", "due_date", "exception"])
    .execute();
  await db.schema.createIndex("progress_history_at").on("progress_history").column("at").execute();

  await db.schema
    .createTable("progress_rollup")
    .addColumn("programme_id", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("pct_sum", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("pct_n", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("progress_rollup_pk", ["programme_id", "month", "org_id"])
    .execute();
  // The trend of some municipalities only (a kind, the small towns): their rows, without joining orgs.
  await db.schema
    .createIndex("progress_rollup_org")
    .on("progress_rollup")
    .columns(["programme_id", "org_id", "month", "pct_sum", "pct_n"])
    .execute();
  await db.schema
    .createIndex("progress_rollup_trend")
    .on("progress_rollup")
    .columns(["programme_id", "month", "org_id", "pct_sum", "pct_n"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "progress_rollup",
    "progress_history",
    "progress_metric_values",
    "progress_step_states",
    "progress_records",
    "progress_metrics",
    "progress_steps",
    "progress_items",
    "progress_programmes",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
