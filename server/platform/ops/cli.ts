import path from "node:path";
import type { Config } from "../../config.js";
import { openDatabase } from "../db/database.js";
import { takeBackup } from "./backup.js";
import { restoreBackup } from "./restore.js";
import { verifyInstallation } from "./verify.js";

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

/** `renkei backup --to DIR`, `renkei restore DIR`, `renkei verify`: returns the exit status. */
export async function opsCommand(cmd: "backup" | "restore" | "verify", config: Config, dir: string | undefined): Promise<number> {
  if (cmd === "restore") {
    if (!dir) throw new Error("Usage: renkei restore DIR");
    const r = await restoreBackup(config, path.resolve(dir));
    console.log(
      `Restored the ${r.manifest.engine === "sqlite" ? "SQLite" : "PostgreSQL"} backup of ${r.manifest.createdAt} ` +
        `(${r.manifest.files.length} files, ${mb(r.bytes)}, every SHA-256 checked) in ${r.seconds.toFixed(1)} s.\n` +
        `Stored files are in ${r.store}${r.present ? ` (${r.present} of them were there already, with the same content)` : ""}.\n` +
        "Next: `renkei verify`, then `renkei serve` (it applies any migration newer than the backup).",
    );
    return 0;
  }
  const database = openDatabase(config);
  const ctx = { db: database.db, engine: database.engine, config };
  try {
    if (cmd === "backup") {
      if (!dir) throw new Error("Usage: renkei backup --to DIR");
      const r = await takeBackup(ctx, path.resolve(dir));
      const db = r.manifest.files[0]!;
      console.log(
        `Backup written to ${r.dir}: database ${mb(db.bytes)}, ${r.manifest.files.length - 1} stored files ` +
          `${mb(r.bytes - db.bytes)}, in ${r.seconds.toFixed(1)} s.` +
          (r.manifest.audit ? `\nAudit trail head: #${r.manifest.audit.seq} ${r.manifest.audit.hash}` : ""),
      );
      return 0;
    }
    const checks = await verifyInstallation(ctx);
    let failed = false;
    for (const c of checks) {
      failed ||= c.problems.length > 0;
      console.log(`${c.problems.length ? "NG" : "ok"}  ${c.name}: ${c.summary}`);
      for (const p of c.problems) console.log(`      problem: ${p}`);
      for (const w of c.warnings) console.log(`      note: ${w}`);
    }
    console.log(failed ? "Verification found problems." : "Everything checked is intact.");
    return failed ? 1 : 0;
  } finally {
    await database.close();
  }
}
