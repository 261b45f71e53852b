#!/usr/bin/env node
// The `renkei` command. Runs the compiled server (dist/server, built by `npm run build`) when it is
// newer than every source file; otherwise the TypeScript through tsx, so a stale build never runs.
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const compiled = path.join(root, "dist/server/server/main.js");

function newestSource() {
  let newest = 0;
  for (const dir of ["server", "shared"])
    for (const f of fs.readdirSync(path.join(root, dir), { recursive: true }))
      if (String(f).endsWith(".ts")) newest = Math.max(newest, fs.statSync(path.join(root, dir, String(f))).mtimeMs);
  return newest;
}

if (fs.existsSync(compiled) && fs.statSync(compiled).mtimeMs >= newestSource()) {
  await import(compiled);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../server/main.ts");
}
