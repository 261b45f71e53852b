import fs from "node:fs";

/** Removes the throwaway data folder of the e2e server (a fresh database each run). */
export default function globalTeardown() {
  const dir = process.env.RENKEI_E2E_DATA_DIR;
  if (dir?.includes("renkei-e2e-")) fs.rmSync(dir, { recursive: true, force: true });
}
