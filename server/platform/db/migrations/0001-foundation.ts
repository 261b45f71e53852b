import type { Kysely } from "kysely";

/** Foundation tables. Portable: text ids and ISO timestamps, integer flags, no engine-specific types. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("orgs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("lg_code", "text", (c) => c.unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kana", "text", (c) => c.notNull())
    .addColumn("name_en", "text")
    .addColumn("population", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("is_org_admin", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("password_hash", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("failed_logins", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", "text")
    .addColumn("totp_secret", "text")
    .addColumn("totp_enabled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("ja"))
    .addColumn("calendar_token", "text", (c) => c.unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("users_org").on("users").column("org_id").execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("mfa_passed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("user_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("bodies")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("parent_id", "text", (c) => c.references("bodies.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_en", "text")
    .addColumn("theme", "text")
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("visibility", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("body_members")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("body_id", "text", (c) => c.notNull().references("bodies.id").onDelete("cascade"))
    .addColumn("org_id", "text", (c) => c.references("orgs.id"))
    .addColumn("user_id", "text", (c) => c.references("users.id"))
    .addColumn("position", "text", (c) => c.notNull())
    .addColumn("term_start", "text")
    .addColumn("term_end", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("body_members_body").on("body_members").column("body_id").execute();
  await db.schema.createIndex("body_members_org").on("body_members").column("org_id").execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "text")
    .addColumn("actor_org_id", "text")
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .addColumn("event", "text", (c) => c.notNull())
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "text")
    .addColumn("changes", "text")
    .execute();
  await db.schema.createIndex("audit_log_at").on("audit_log").column("at").execute();
  await db.schema.createIndex("audit_log_subject").on("audit_log").columns(["subject_type", "subject_id"]).execute();

  await db.schema
    .createTable("jobs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("dedupe_key", "text", (c) => c.unique())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("run_at", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_attempts", "integer", (c) => c.notNull().defaultTo(5))
    .addColumn("locked_by", "text")
    .addColumn("locked_at", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .execute();
  await db.schema.createIndex("jobs_due").on("jobs").columns(["status", "run_at"]).execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("link", "text")
    .addColumn("read_at", "text")
    .addColumn("digested_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("notifications_user").on("notifications").columns(["user_id", "created_at"]).execute();

  await db.schema
    .createTable("notification_prefs")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("mode", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("notification_prefs_pk", ["user_id", "category"])
    .execute();

  await db.schema
    .createTable("mail_outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "mail_outbox",
    "notification_prefs",
    "notifications",
    "jobs",
    "audit_log",
    "body_members",
    "bodies",
    "settings",
    "user_tokens",
    "sessions",
    "users",
    "orgs",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
