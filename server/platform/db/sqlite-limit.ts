import { type LimitNode, SqliteDialect, SqliteQueryCompiler, sql, ValueNode } from "kysely";

/**
 * SQLite prepares a statement again on every run when its LIMIT is a bound parameter: the LIMIT's
 * variable is one whose value may change the plan, and binding it (better-sqlite3 binds every value
 * on every run) expires the prepared statement, whatever the value. For a list query that costs a
 * whole prepare (≈ 19 µs for the notice list) on each request, more than the query itself. So on
 * SQLite a LIMIT of a whole number is written into the statement's text ("limit 50"); the statement
 * cache (database.ts) keeps one statement per limit used. Anything else stays a bound parameter.
 */
class LiteralLimitCompiler extends SqliteQueryCompiler {
  protected override visitLimit(node: LimitNode): void {
    const v = node.limit;
    if (ValueNode.is(v) && !v.immediate && typeof v.value === "number" && Number.isSafeInteger(v.value) && v.value >= 0) {
      this.append(`limit ${v.value}`);
      return;
    }
    super.visitLimit(node);
  }
}

/** Kysely's SQLite dialect with the LIMIT written into the statement. */
export class RenkeiSqliteDialect extends SqliteDialect {
  override createQueryCompiler() {
    return new LiteralLimitCompiler();
  }
}

/** The count of a LIMIT written in raw SQL (sql`… LIMIT ${limitCount(n)}`), put into the text for the same reason. */
export function limitCount(n: number) {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`LIMIT must be a whole number, not ${n}`);
  return sql.lit(n);
}
