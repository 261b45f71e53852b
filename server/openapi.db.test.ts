import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type TestEnv, testEnv } from "./platform/testing/harness.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

/** The generated API document, checked by Redocly's linter with its recommended rules. */
describe("the API document (/api/openapi.json)", () => {
  it("passes `redocly lint` (recommended) with no errors", async () => {
    const res = await env.app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "renkei-openapi-")), "openapi.json");
    fs.writeFileSync(file, res.body);

    // Multipart uploads, downloads and the session cookie are described.
    const upload = doc.paths["/api/meetings/{id}/materials"].post;
    expect(Object.keys(upload.requestBody.content)).toEqual(["multipart/form-data"]);
    expect(Object.keys(doc.paths["/api/meetings/{id}/pack.pdf"].get.responses["200"].content)).toContain("application/pdf");
    expect(doc.components.securitySchemes.session).toMatchObject({ type: "apiKey", in: "cookie", name: "renkei_session" });

    let output = "";
    try {
      output = execFileSync("npx", ["--no-install", "redocly", "lint", "--extends=recommended", "--format=json", file], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch (e) {
      output = (e as { stdout: string }).stdout;
    }
    const problems = (
      JSON.parse(output) as { problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[] }
    ).problems;
    const errors = problems
      .filter((p) => p.severity === "error")
      .map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
    expect(errors).toEqual([]);
  }, 120_000);
});
