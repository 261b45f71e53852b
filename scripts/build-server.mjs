// Compiles the server (server/ and shared/, without tests) to dist/server, so `renkei serve` starts
// without transpiling TypeScript (bin/renkei.js uses it while it is newer than every source file, and
// falls back to tsx otherwise). Two passes:
// 1. file by file, for the modules the file workers load by URL (workerModule) and the data files beside them;
// 2. server/main.js again as one bundle of our own code and of the packages a start loads (lazily loaded
//    packages, native addons and packages that find files beside their own stay imports): Node 20 loads
//    ≈ 500 small ES modules of ours and as many of the packages' in about half of a ≈ 2.4 s start, one
//    file in a fraction of that. Each of our modules' `import.meta.url` is rewritten to the URL its
//    file-by-file copy has, so paths relative to a module (data files, the worker's entry, the modules a
//    worker runs) still name files that exist.
import fs from "node:fs";
import { builtinModules, createRequire } from "node:module";
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
const packageOf = (spec) =>
  spec
    .split("/")
    .slice(0, spec.startsWith("@") ? 2 : 1)
    .join("/");
const isPackage = (spec) => !/^[./]|^node:/.test(spec) && !builtinModules.includes(packageOf(spec));
const inPackage = (file) => file.includes("/node_modules/");

/** The packages our code imports from main.ts other than through `import()`: those every start loads. */
async function packagesAtStart() {
  const { metafile } = await build({
    entryPoints: [entry],
    bundle: true,
    packages: "external",
    write: false,
    metafile: true,
    format: "esm",
    platform: "node",
    logLevel: "silent",
  });
  const found = new Set();
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of metafile.inputs[file]?.imports ?? [])
      if (i.kind === "dynamic-import") continue;
      else if (!i.external) visit(i.path);
      else if (isPackage(i.path)) found.add(packageOf(i.path));
  };
  visit(path.relative(root, entry));
  return found;
}

const atStart = await packagesAtStart();
// Packages left as imports even at start: native addons (better-sqlite3, argon2), and those that find files
// beside their own, which a bundled copy would look for beside the bundle (pino its transports' worker,
// @fastify/swagger its package.json). The build fails when a package it would bundle does that.
const leftImported = new Set(["better-sqlite3", "@node-rs/argon2", "pino", "@fastify/swagger"]);
const findsOwnFiles = /__dirname|__filename|import\.meta\.url|require\.resolve/;
const rootRequire = createRequire(path.join(root, "package.json"));
const resolvesTo = (req, spec) => {
  try {
    return req.resolve(spec);
  } catch {
    return undefined;
  }
};
const bundling = {
  name: "bundle-what-starts",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (!isPackage(args.path)) return { external: true };
      const name = packageOf(args.path);
      const fromPackage = inPackage(args.importer);
      const bundled = !leftImported.has(name) && args.kind !== "dynamic-import" && (fromPackage || atStart.has(name));
      if (bundled) return undefined;
      // Left as an import, it is resolved from the bundle's folder: it must name the same file there.
      if (fromPackage && resolvesTo(createRequire(args.importer), args.path) !== resolvesTo(rootRequire, args.path))
        throw new Error(
          `${args.importer} imports its own copy of ${args.path}: bundle it, or leave ${packageOf(args.importer.split("/node_modules/").pop())} imported`,
        );
      return { external: true };
    });
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
    b.onLoad({ filter: /\/node_modules\/.*\.[cm]?js$/ }, async (args) => {
      const contents = await fs.promises.readFile(args.path, "utf8");
      if (findsOwnFiles.test(contents))
        throw new Error(
          `${args.path} finds files beside its own: add its package to leftImported in ${path.relative(root, import.meta.filename)}`,
        );
      return { contents, loader: "js" };
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
  format: "esm",
  platform: "node",
  target: "node20",
  logLevel: "warning",
  // Bundled CommonJS packages call require (for Node's own modules among others).
  banner: {
    js: 'import { createRequire as createRequireForPackages } from "node:module"; const require = createRequireForPackages(import.meta.url);',
  },
  plugins: [bundling],
});
fs.cpSync(path.join(root, "server/modules/demo/data"), path.join(out, "server/modules/demo/data"), { recursive: true });
// Plain JavaScript modules the server loads by URL (the file worker's entry) go beside their compiled neighbours.
for (const f of fs.readdirSync(path.join(root, "server"), { recursive: true }).map(String))
  if (f.endsWith(".mjs")) fs.cpSync(path.join(root, "server", f), path.join(out, "server", f));
console.log(`server compiled to ${path.relative(root, out)}`);
