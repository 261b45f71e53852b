import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { checkLayering } from "./platform/testing/layering.js";

/** Services that still take a Fastify reply: the auth module's session start and end (issue 17 takes them off it). */
const HTTP_STILL_IN_AUTH = ["auth/service.ts"];

describe("layering", () => {
  const modules = join(dirname(fileURLToPath(import.meta.url)), "modules");
  it("server/modules: SQL only in repository files, other modules only through their public face", () => {
    expect(checkLayering(modules).filter((v) => v.rule !== "http-outside-routes")).toEqual([]);
  });

  it("server/modules: only route files see HTTP (services take an Upload and return a Download)", () => {
    const found = checkLayering(modules).filter((v) => v.rule === "http-outside-routes");
    expect(found.filter((v) => !HTTP_STILL_IN_AUTH.includes(v.file))).toEqual([]);
  });

  const root = mkdtempSync(join(tmpdir(), "renkei-layering-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const plant = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  it("finds planted violations and nothing else", () => {
    // Allowed: SQL in repository files, type imports from kysely, another module's service or index, tests.
    plant("a/repo.ts", 'import { sql } from "kysely";\nexport const f = (db: any) => db.selectFrom("t").where(sql`1=1`);\n');
    plant("a/notes-repo.ts", 'export const g = (db: any) => db.deleteFrom("t");\n');
    plant("a/repo-files.ts", 'export const h = (db: any) => db.insertInto("t");\n');
    plant(
      "a/service.ts",
      'import type { Kysely } from "kysely";\nimport { x } from "../b/service.js";\nimport { y } from "../b/index.js";\nimport { f } from "./repo.js";\n',
    );
    plant("a/service.test.ts", 'import { z } from "../b/repo.js";\nconst q = (db: any) => db.selectFrom("t");\n');
    plant("demo/seed.ts", 'const q = (db: any) => db.insertInto("t");\n');
    plant("b/service.ts", "export const x = 1;\n");
    plant("b/index.ts", "export const y = 1;\n");
    plant("b/repo.ts", "export const z = 1;\n");
    plant(
      "b/routes.ts",
      'import type { FastifyReply } from "fastify";\nimport { sendDownload } from "../../platform/files/http.js";\n',
    );
    plant("b/routes-files.ts", 'import multipart from "@fastify/multipart";\n');
    plant("b/site-routes.ts", 'import type { FastifyRequest } from "fastify";\n');
    expect(checkLayering(root)).toEqual([]);

    // Planted: a query builder, the sql tag and a kysely value import in a service, another module's internals.
    plant(
      "b/rules.ts",
      'import { sql, type Kysely } from "kysely";\n\nexport const r = (db: any) =>\n  db.updateTable("t").set({ n: sql`n + 1` });\n',
    );
    plant("a/helper.ts", 'import { z } from "../b/repo.js";\nexport { y } from "../b/internal.js";\n');
    // And HTTP outside route files: a service taking a reply, one reading a request's multipart body itself.
    plant(
      "c/service.ts",
      'import type { FastifyReply } from "fastify";\nimport { uploadOf } from "../../platform/files/http.js";\n',
    );
    expect(checkLayering(root)).toEqual([
      { file: "a/helper.ts", line: 1, rule: "module-internals", detail: "imports b/repo.js instead of b/service.ts or index.ts" },
      {
        file: "a/helper.ts",
        line: 2,
        rule: "module-internals",
        detail: "imports b/internal.js instead of b/service.ts or index.ts",
      },
      { file: "b/rules.ts", line: 1, rule: "sql-outside-repo", detail: 'imports sql from "kysely"' },
      { file: "b/rules.ts", line: 4, rule: "sql-outside-repo", detail: ".updateTable(…)" },
      { file: "b/rules.ts", line: 4, rule: "sql-outside-repo", detail: "sql`…`" },
      { file: "c/service.ts", line: 1, rule: "http-outside-routes", detail: "imports fastify" },
      { file: "c/service.ts", line: 2, rule: "http-outside-routes", detail: "imports ../../platform/files/http.js" },
    ]);
  });
});
