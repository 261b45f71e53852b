import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The compiled server (`npm start` runs dist/server, built by scripts/build-server.mjs) parses files in
 * its worker threads as the tsx one does: the worker's entry is shipped beside worker.js, loads no tsx,
 * and runs the compiled module. Built into a folder of its own here, so dist/server is left alone, and
 * run by plain Node in a child process, as production runs it.
 */
const root = path.resolve(import.meta.dirname, "../../..");
const out = path.join(root, "dist", `test-server-${process.pid}`);

beforeAll(() => {
  execFileSync(process.execPath, ["scripts/build-server.mjs"], {
    cwd: root,
    env: { ...process.env, BUILD_SERVER_OUT: out },
    stdio: "pipe",
  });
}, 120_000);
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe("the compiled server's bundle", () => {
  it("is main.js with its lazy parts beside it, and finds the data files its modules name relative to themselves", () => {
    // One file of our own code (not ≈ 500 modules) and the packages a start loads, so the start reads it at once.
    const main = fs.readFileSync(path.join(out, "server/main.js"), "utf8");
    expect(main).not.toMatch(/from "\.\/app\.js"/);
    expect(main).not.toMatch(/from "(fastify|zod|kysely)"/);
    const chunks = fs.readdirSync(path.join(out, "server")).filter((f) => f.startsWith("main"));
    const all = chunks.map((f) => fs.readFileSync(path.join(out, "server", f), "utf8")).join("\n");
    expect(all).toMatch(/from "better-sqlite3"/); // a native addon stays an import
    expect(all).toMatch(/import\("pdf-lib"\)|from "pdf-lib"/); // PDF writers, loaded with the first PDF, stay imports
    expect(main).not.toMatch(/from "pdf-lib"/);
    const dataDir = fs.mkdtempSync(path.join(out, "data-"));
    const { DATABASE_URL: _, ...parent } = process.env;
    const env = { ...parent, NODE_OPTIONS: "", DATA_DIR: dataDir };
    const run = (...args: string[]) =>
      execFileSync(process.execPath, [path.join(out, "server/main.js"), ...args], { cwd: root, encoding: "utf8", env });
    // The demo seed reads the municipalities' and systems' CSV files beside its modules, and writes PDFs.
    expect(run("seed", "--demo")).toContain("secretariat@example.jp");
    expect(run("verify")).toContain("Everything checked is intact.");
  }, 120_000);
});

describe("the compiled server's file worker", () => {
  it("reads an XLSX in a worker thread with no TypeScript loader", () => {
    expect(fs.existsSync(path.join(out, "server/platform/files/worker-entry.mjs"))).toBe(true);
    const script = path.join(out, "read-in-worker.mjs");
    fs.writeFileSync(
      script,
      `import { workbookBuffer } from "./server/platform/files/xlsx.js";
      import { readXlsx } from "./server/platform/files/xlsx-read.js";
      const bytes = await workbookBuffer([{ name: "集計", rows: [["市町", "進捗"], ["阿武町", 80]] }]);
      const sheets = await readXlsx(bytes, "集計.xlsx");
      console.log(JSON.stringify(sheets.map((s) => ({ name: s.name, grid: s.grid }))));
      process.exit(0);`,
    );
    // Plain Node, without the test runner's options (NODE_OPTIONS may name a loader).
    const env = { ...process.env, NODE_OPTIONS: "" };
    const stdout = execFileSync(process.execPath, [script], { cwd: root, encoding: "utf8", env });
    const sheets = JSON.parse(stdout.trim().split("\n").at(-1)!);
    expect(sheets).toEqual([
      {
        name: "集計",
        grid: [
          ["市町", "進捗"],
          ["阿武町", 80],
        ],
      },
    ]);
  });
});
