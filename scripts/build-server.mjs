// Compiles the server (server/ and shared/, without tests) to dist/server, file by file with esbuild,
// so `renkei serve` starts without transpiling TypeScript (bin/renkei.js uses it while it is newer
// than every source file, and falls back to tsx otherwise). Data files the server reads are copied.
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, "dist/server");
const sources = (dir) =>
  fs
    .readdirSync(path.join(root, dir), { recursive: true })
    .map((f) => path.join(dir, String(f)))
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.includes("/testing/") && !f.includes("test-"));
fs.rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: [...sources("server"), ...sources("shared")],
  outdir: out,
  outbase: root,
  format: "esm",
  platform: "node",
  target: "node20",
  logLevel: "warning",
});
fs.cpSync(path.join(root, "server/modules/demo/data"), path.join(out, "server/modules/demo/data"), { recursive: true });
console.log(`server compiled to ${path.relative(root, out)}`);
