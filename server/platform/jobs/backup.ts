import { nextJstTime } from "../../../shared/dates/jst.js";
import { scheduledBackup } from "../ops/scheduled.js";
import { defineRecurring } from "./recurring.js";
import { defineJob } from "./worker.js";

// With BACKUP_DIR set: every day at BACKUP_HOUR (Japan time) a backup, keeping the newest BACKUP_KEEP.
defineJob("ops.backup", async (ctx) => {
  if (ctx.config.backupDir) await scheduledBackup(ctx);
});
defineRecurring("ops.backup", (now, config) => {
  if (!config.backupDir) return null;
  const at = nextJstTime(now, config.backupHour);
  return { at, key: at.toISOString().slice(0, 13) };
});
