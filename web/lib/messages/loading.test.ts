import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { messages } from "./index.js";

/**
 * Only the shell's strings load with the first page (messages/index.ts); a feature's strings load with its
 * chunk (features/<name>/messages.ts calls addMessages). A string used before its file is added shows its
 * key instead. This follows the web app's imports as the bundler does: the shell is main.tsx and what it
 * imports; each `import()` starts a chunk, loaded after the shell. Every key a module uses must be in the
 * first page's strings, or added by a module of its own chunk (or of the shell), which runs before it.
 */
const web = path.resolve(import.meta.dirname, "../..");
const messagesDir = path.join(web, "lib/messages");

const sourceFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });

const files = sourceFiles(web);
const text = new Map(files.map((f) => [f, fs.readFileSync(f, "utf8")]));

function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith(".")) return null;
  const base = path.resolve(path.dirname(from), spec).replace(/\.js$/, "");
  for (const c of [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) if (text.has(c)) return c;
  return null;
}

const staticImport = /(?:^|[;\n])\s*(?:import|export)\s+(?:type\s+)?(?:[^"';]*?\s+from\s+)?["']([^"']+)["']/g;
const dynamicImport = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

function imports(file: string, pattern: RegExp): string[] {
  const src = text.get(file)!;
  return [...src.matchAll(pattern)]
    .filter((m) => !/^\s*(?:import|export)\s+type\b/.test(m[0].replace(/^[;\n]/, "")))
    .map((m) => resolve(file, m[1]!))
    .filter((f): f is string => f !== null);
}

function closure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const g of imports(f, staticImport)) visit(g);
  };
  visit(entry);
  return seen;
}

/** Every message file's keys, by file name ("desk"). */
const keysOf = new Map<string, string[]>();
for (const f of fs.readdirSync(messagesDir).filter((n) => /\.ts$/.test(n) && n !== "index.ts" && !n.endsWith(".test.ts"))) {
  const mod = await import(path.join(messagesDir, f));
  keysOf.set(
    f.replace(/\.ts$/, ""),
    Object.values(mod).flatMap((v) => Object.keys(v as object)),
  );
}
const fileOfKey = new Map([...keysOf].flatMap(([file, keys]) => keys.map((k) => [k, file] as const)));
const eager = new Set(Object.keys(messages));

/** The message files a module adds (addMessages(x), x imported from lib/messages/<file>). */
function added(file: string): string[] {
  const src = text.get(file)!;
  const from = new Map<string, string>();
  for (const m of src.matchAll(/import\s*\{([^}]*)\}\s*from\s*["']([^"']*lib\/messages\/([\w-]+)\.js)["']/g))
    for (const name of m[1]!.split(",").map((s) => s.trim().replace(/^type\s+/, ""))) if (name) from.set(name, m[3]!);
  return [...src.matchAll(/addMessages\((\w+)\)/g)].map((m) => from.get(m[1]!)).filter((f): f is string => !!f);
}

/** The keys a module names: as string literals, or as the fixed start of a template (`desk.status.${s}`). */
function used(file: string): string[] {
  if (path.dirname(file) === messagesDir) return [];
  const src = text.get(file)!;
  const out = new Set<string>();
  for (const m of src.matchAll(/["']([\w.-]+)["']/g)) if (fileOfKey.has(m[1]!)) out.add(m[1]!);
  for (const m of src.matchAll(/`([\w-]+\.[\w.-]*)\$\{/g)) for (const k of fileOfKey.keys()) if (k.startsWith(m[1]!)) out.add(k);
  return [...out];
}

const shell = closure(path.join(web, "main.tsx"));
const shellAdds = new Set([...shell].flatMap(added));
const chunks = [...new Set(files.flatMap((f) => imports(f, dynamicImport)))].filter((f) => !shell.has(f));

/** The keys used in `modules` whose strings are neither on the first page nor added by `adds`. */
function missing(modules: Iterable<string>, adds: Set<string>): string[] {
  const out: string[] = [];
  for (const f of modules)
    for (const k of used(f))
      if (!eager.has(k) && !adds.has(fileOfKey.get(k)!)) out.push(`${path.relative(web, f)}: ${k} (${fileOfKey.get(k)}.ts)`);
  return out;
}

describe("UI strings load before the screens that use them", () => {
  it("finds the shell and the chunks the router loads", () => {
    expect(shell.has(path.join(web, "app/router.tsx"))).toBe(true);
    expect(chunks.map((f) => path.relative(web, f))).toContain("features/meetings/index.ts");
    expect(eager.size).toBeGreaterThan(50);
  });

  it("the shell uses only the first page's strings", () => {
    const m = missing(shell, shellAdds);
    expect(m).toEqual([]);
  });

  it.each(chunks.map((f) => [path.relative(web, f), f]))("%s adds the strings its screens use", (_name, entry) => {
    const own = closure(entry);
    const m = missing(own, new Set([...shellAdds, ...[...own].flatMap(added)]));
    expect(m).toEqual([]);
  });
});
