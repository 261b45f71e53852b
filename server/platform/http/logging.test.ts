import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LogOutput } from "./logging.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-log-"));

describe("LogOutput", () => {
  it("writes whole blocks in order, and what is left on flush", () => {
    const file = path.join(tmp, "blocks.log");
    const fd = fs.openSync(file, "w");
    const out = new LogOutput(fd, 100);
    const lines = Array.from({ length: 12 }, (_, i) => `{"n":${i},"text":"相談の受付 ${"x".repeat(i)}"}\n`);
    for (const line of lines.slice(0, 2)) out.write(line);
    expect(fs.readFileSync(file, "utf8")).toBe(""); // below the block size: still in memory
    for (const line of lines.slice(2)) out.write(line);
    const written = fs.readFileSync(file, "utf8");
    expect(written.length).toBeGreaterThan(0);
    expect(lines.join("").startsWith(written)).toBe(true); // whole lines, in order
    out.flush();
    expect(fs.readFileSync(file, "utf8")).toBe(lines.join(""));
    fs.closeSync(fd);
  });

  it("standard output's lines are written when the process exits", () => {
    const script = `import { stdoutLog } from ${JSON.stringify(path.join(import.meta.dirname, "logging.ts"))};
      stdoutLog().write("last line before exit\\n"); process.exit(0);`;
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("last line before exit\n");
  });
});
