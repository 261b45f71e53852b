import { type Kysely, PostgresAdapter, sql } from "kysely";
import { type Cell, eachPackedCell, packCells } from "../../../modules/progress/cell-grid.js";
import { programmeSlots, slotItems } from "../../../modules/progress/item-slots-repo.js";
import { rewriteProgressRows } from "./progress-rows.js";

/**
 * National scale (issue 13): the heatmap as of a past day reads each municipality's latest day row up to
 * it, cells and all: 1,741 rows whose cells were JSON keyed by the items' 36-character ids (1,250
 * characters in the benchmark's data). Each item now has a number in its programme (progress_item_slots)
 * and the cells are one text by number (progress/cell-grid.ts), about a quarter as long. The data step
 * numbers every programme's items and rewrites the cells already kept; `down` writes them back as JSON.
 *
 * The rows are then read as the totals are (day-rows-repo.ts latestDayRows): one range of an index by
 * (programme, month, municipality, day) that carries the cells, instead of a seek per municipality. On
 * PostgreSQL an index entry must fit in a third of a page (2,704 bytes), compressed: a cell takes at most
 * 19 characters, so a programme of more than about 130 items relies on the text compressing (it does: its
 * dates repeat). On PostgreSQL the data step's rewrite leaves every row's old version and index entries for
 * autovacuum to free, and the indexes half-filled until later rows fill them (at the benchmark's 414,808 day
 * rows the month index grew 89 → 130 MB and the as-of summary slowed by a third: `REINDEX TABLE
 * progress_org_days` compacts them at once). The slots need no version trigger (0880, 0921): one is only added in the transaction of
 * a write that raises them, and no view read before it can have had a cell there.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("progress_item_slots")
    .addColumn("programme_id", "text", (c) => c.notNull().references("progress_programmes.id"))
    .addColumn("slot", "integer", (c) => c.notNull())
    .addColumn("item_id", "text", (c) => c.notNull().unique().references("progress_items.id"))
    .addPrimaryKeyConstraint("progress_item_slots_pk", ["programme_id", "slot"])
    .execute();
  // SQLite has no INCLUDE; its index entries may be of any length. Only the rows with cells (a municipality has
  // none before its first record, and some ever after): the condition also keeps PostgreSQL's planner from
  // taking this index for the totals' range, which the month index covers and which does not name it.
  const key = sql`progress_org_days (programme_id, substr(day, 1, 7), org_id, day`;
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql`CREATE INDEX progress_org_days_cells ON ${key}) INCLUDE (cells) WHERE cells <> ''`.execute(db);
  else await sql`CREATE INDEX progress_org_days_cells ON ${key}, cells) WHERE cells <> ''`.execute(db);
}

export async function rebuild(db: Kysely<any>): Promise<void> {
  const slots = await byProgramme(db, (programmeId) => programmeSlots({ db }, programmeId));
  await rewriteProgressRows(db, "cells", (cells, programmeId) =>
    cells.startsWith("{") ? packCells(Object.entries(JSON.parse(cells) as Record<string, Cell>), slots.get(programmeId)!) : cells,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  const items = await byProgramme(db, (programmeId) => slotItems({ db }, programmeId));
  await rewriteProgressRows(db, "cells", (cells, programmeId) => {
    if (cells.startsWith("{")) return cells;
    const out: [string, Cell][] = [];
    eachPackedCell(cells, (slot, pct, due, exc) => out.push([items.get(programmeId)![slot]!, [pct, due, exc]]));
    // As migration 0710 kept them: keys in item-id order.
    return JSON.stringify(Object.fromEntries(out.sort(([a], [b]) => (a < b ? -1 : 1))));
  });
  await db.schema.dropIndex("progress_org_days_cells").execute();
  await db.schema.dropTable("progress_item_slots").execute();
}

/** Something of every programme, by its id. */
async function byProgramme<T>(db: Kysely<any>, of: (programmeId: string) => Promise<T>): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  for (const { id } of (await db.selectFrom("progress_programmes").select("id").execute()) as { id: string }[])
    out.set(id, await of(id));
  return out;
}
