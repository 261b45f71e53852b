import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

/**
 * The layering rules of docs/ARCHITECTURE.md, checked on the source (server/layering.test.ts):
 * 1. only repository files build SQL: Kysely's query builders (`selectFrom`, `insertInto`, `updateTable`,
 *    `deleteFrom`, …), the `sql` template and any value imported from "kysely" appear only in a module's
 *    `repo.ts`, `repo-*.ts` or `*-repo.ts` (and in server/platform/, which is not under the checked root);
 * 2. a module reaches another module only through that module's public face: its `service.ts`, and `index.ts` when
 *    it shares more than its service (search indexing, mail, the users/orgs query fragments for joins);
 * 3. only route files (`routes.ts`, `routes-*.ts`, `*-routes.ts`) see HTTP: nothing else imports "fastify",
 *    "@fastify/*" or platform/files/http.ts, so services take an `Upload` and return a `Download` instead of a
 *    request or reply.
 * Tests (`*.test.ts`, `test-*.ts`) and the demo seeder (`demo/`, which writes every table to build fixtures) are not checked.
 */
export type Violation = {
  file: string;
  line: number;
  rule: "sql-outside-repo" | "module-internals" | "http-outside-routes";
  detail: string;
};

const QUERY_BUILDERS = new Set([
  "selectFrom",
  "selectNoFrom",
  "insertInto",
  "replaceInto",
  "updateTable",
  "deleteFrom",
  "mergeInto",
]);

const isRepositoryFile = (name: string) => /^repo(-[a-z0-9-]+)?\.ts$|-repo\.ts$/.test(name);
const isRouteFile = (name: string) => /^routes(-[a-z0-9-]+)?\.ts$|-routes\.ts$/.test(name);
const isHttpImport = (spec: string) =>
  spec === "fastify" || spec.startsWith("@fastify/") || /(^|\/)platform\/files\/http\.js$/.test(spec);
const isTestFile = (name: string) => /\.test\.ts$|^test-[a-z0-9-]+\.ts$/.test(name);
const EXEMPT_MODULES = new Set(["demo"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Checks every module under `modulesRoot` (server/modules); paths in the answer are relative to it. */
export function checkLayering(modulesRoot: string): Violation[] {
  const root = resolve(modulesRoot);
  const out: Violation[] = [];
  for (const file of sourceFiles(root)) {
    const rel = relative(root, file).split(sep).join("/");
    const name = rel.slice(rel.lastIndexOf("/") + 1);
    const module = rel.includes("/") ? rel.slice(0, rel.indexOf("/")) : null;
    if (isTestFile(name) || (module && EXEMPT_MODULES.has(module))) continue;
    const text = readFileSync(file, "utf8");
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const at = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    const sqlAllowed = module !== null && isRepositoryFile(name);
    const sqlViolation = (node: ts.Node, detail: string) => {
      if (!sqlAllowed) out.push({ file: rel, line: at(node), rule: "sql-outside-repo", detail });
    };

    const visit = (node: ts.Node) => {
      if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
        const spec = node.moduleSpecifier;
        if (spec && ts.isStringLiteral(spec)) {
          if (spec.text === "kysely" && ts.isImportDeclaration(node)) {
            const clause = node.importClause;
            const values = clause?.isTypeOnly
              ? []
              : [
                  ...(clause?.name ? [clause.name.text] : []),
                  ...(clause?.namedBindings && ts.isNamedImports(clause.namedBindings)
                    ? clause.namedBindings.elements.filter((e) => !e.isTypeOnly).map((e) => e.name.text)
                    : clause?.namedBindings
                      ? ["*"]
                      : []),
                ];
            if (values.length) sqlViolation(node, `imports ${values.join(", ")} from "kysely"`);
          }
          if (isHttpImport(spec.text) && !isRouteFile(name))
            out.push({ file: rel, line: at(node), rule: "http-outside-routes", detail: `imports ${spec.text}` });
          if (module && spec.text.startsWith(".")) {
            const target = relative(root, resolve(dirname(file), spec.text))
              .split(sep)
              .join("/");
            const targetModule = target.includes("/") && !target.startsWith("..") ? target.slice(0, target.indexOf("/")) : null;
            const publicFace = target === `${targetModule}/index.js` || target === `${targetModule}/service.js`;
            if (targetModule && targetModule !== module && !publicFace) {
              out.push({
                file: rel,
                line: at(node),
                rule: "module-internals",
                detail: `imports ${target} instead of ${targetModule}/service.ts or index.ts`,
              });
            }
          }
        }
      }
      if (ts.isPropertyAccessExpression(node) && QUERY_BUILDERS.has(node.name.text)) {
        sqlViolation(node, `.${node.name.text}(…)`);
      }
      if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === "sql") {
        sqlViolation(node, "sql`…`");
      }
      if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "sql") {
        sqlViolation(node, `sql.${node.name.text}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}
