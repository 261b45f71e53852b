import type { Kysely } from "kysely";

/**
 * Prefecture-wide targets per programme and fiscal year (issue 18), e.g. 「令和9年度末までに全市町で
 * 26手続をマイナポータル対応」: what is counted (a metric's sum over the municipalities, or the
 * municipalities complete by the national online-procedure definition) against the target value.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("progress_targets")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("programme_id", "text", (c) => c.notNull().references("progress_programmes.id"))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("measure", "text", (c) => c.notNull())
    .addColumn("metric_id", "text", (c) => c.references("progress_metrics.id"))
    .addColumn("target_value", "double precision", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("progress_targets_programme")
    .on("progress_targets")
    .columns(["programme_id", "fiscal_year"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("progress_targets").execute();
}
