import fs from "node:fs";
import path from "node:path";
import { type BackupResult, type OpsCtx, takeBackup } from "./backup.js";
import { MANIFEST } from "./manifest.js";

const PREFIX = "renkei-";

/** The folder name of a scheduled backup: renkei-20261130T020000Z (sorts by time). */
const folderName = (at: Date) => `${PREFIX}${at.toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "")}`;

/**
 * The scheduled backup: a new folder under BACKUP_DIR, then retention — the newest BACKUP_KEEP
 * complete backups stay; older ones, and unfinished ones (no manifest) of earlier runs, are removed.
 */
export async function scheduledBackup(ctx: OpsCtx, now = new Date()): Promise<{ backup: BackupResult; removed: string[] }> {
  const root = ctx.config.backupDir;
  if (!root) throw new Error("BACKUP_DIR is not set");
  fs.mkdirSync(root, { recursive: true });
  const backup = await takeBackup(ctx, path.join(root, folderName(now)));
  const ours = fs
    .readdirSync(root)
    .filter((n) => n.startsWith(PREFIX))
    .sort()
    .reverse();
  const complete = ours.filter((n) => fs.existsSync(path.join(root, n, MANIFEST)));
  const removed = [...complete.slice(ctx.config.backupKeep), ...ours.filter((n) => !complete.includes(n))];
  for (const n of removed) fs.rmSync(path.join(root, n), { recursive: true, force: true });
  return { backup, removed };
}
