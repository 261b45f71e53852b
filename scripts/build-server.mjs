// Compiles the server (server/ and shared/, without tests) to dist/server, file by file with esbuild,
// so `renkei serve` starts without transpiling TypeScript (bin/renkei.js uses it while it is newer
// than every source file, and falls back to tsx otherwise). Data files the server reads are copied.
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
// BUILD_SERVER_OUT: another folder inside the project (a test builds there without touching dist/server).
const out = process.env.BUILD_SERVER_OUT ? path.resolve(process.env.BUILD_SERVER_OUT) : path.join(root, "dist/server");
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
// Plain JavaScript modules the server loads by URL (the file worker's entry) go beside their compiled neighbours.
for (const f of fs.readdirSync(path.join(root, "server"), { recursive: true }).map(String))
  if (f.endsWith(".mjs")) fs.cpSync(path.join(root, "server", f), path.join(out, "server", f));
console.log(`server compiled to ${path.relative(root, out)}`);
