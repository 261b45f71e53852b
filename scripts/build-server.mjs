// Compiles the server (server/ and shared/, without tests) to dist/server, so `renkei serve` starts
// without transpiling TypeScript (bin/renkei.js uses it while it is newer than every source file, and
// falls back to tsx otherwise). Two passes:
// 1. file by file, for the modules the file workers load by URL (workerModule) and the data files beside them;
// 2. server/main.js again as one bundle of our own code (packages stay imports): Node 20 loads ≈ 500 small
//    ES modules in ≈ 0.6 s of a ≈ 2.4 s start, one file in a fraction of that. Each module's
//    `import.meta.url` is rewritten to the URL its file-by-file copy has, so paths relative to a module
//    (data files, the worker's entry, the modules a worker runs) still name files that exist.
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
const entry = path.join(root, "server/main.ts");
const fileUrls = {
  name: "file-by-file-urls",
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      let contents = await fs.promises.readFile(args.path, "utf8");
      if (args.path !== entry) {
        if (/import\.meta\.(dirname|filename)/.test(contents))
          throw new Error(`${args.path}: use import.meta.url (the bundle rewrites only that)`);
        const own = `./${path.relative(path.dirname(entry), args.path).replace(/\.ts$/, ".js")}`;
        contents = contents.replaceAll("import.meta.url", `new URL(${JSON.stringify(own)}, import.meta.url).href`);
      }
      return { contents, loader: "ts" };
    });
  },
};
await build({
  entryPoints: [entry],
  // main.js and the chunks of what it imports lazily (PDF writers, SAML…) side by side in dist/server/server,
  // so a rewritten URL is right from any of them.
  outdir: path.join(out, "server"),
  chunkNames: "main-[hash]",
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  packages: "external",
  format: "esm",
  platform: "node",
  target: "node20",
  logLevel: "warning",
  plugins: [fileUrls],
});
fs.cpSync(path.join(root, "server/modules/demo/data"), path.join(out, "server/modules/demo/data"), { recursive: true });
// Plain JavaScript modules the server loads by URL (the file worker's entry) go beside their compiled neighbours.
for (const f of fs.readdirSync(path.join(root, "server"), { recursive: true }).map(String))
  if (f.endsWith(".mjs")) fs.cpSync(path.join(root, "server", f), path.join(out, "server", f));
console.log(`server compiled to ${path.relative(root, out)}`);
