import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import nodemailer from "nodemailer";
import { afterAll, describe, expect, it } from "vitest";

const bin = path.resolve(import.meta.dirname, "../bin/renkei.js");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-cli-"));
const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "warn", TEST_ENGINE: "", DATABASE_URL: "", SMTP_URL: "" };
delete (env as Record<string, string | undefined>).DATABASE_URL;
delete (env as Record<string, string | undefined>).SMTP_URL;
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { env, encoding: "utf8", timeout: 100_000 });

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe("the renkei CLI", () => {
  it("imports organisations and creates the first admin of a production installation", () => {
    expect(cli("migrate").stdout).toContain("0001-foundation");
    const csv = path.join(dataDir, "orgs.csv");
    fs.writeFileSync(
      csv,
      "lg_code,kind,name,kana,name_en,population\n350001,prefecture,山口県,やまぐちけん,Yamaguchi,1342059\n352012,city,下関市,しものせきし,Shimonoseki,255051\n",
    );
    const imported = cli("org", "import", csv);
    expect(imported.stdout).toContain("2 created");
    const bad = path.join(dataDir, "bad.csv");
    fs.writeFileSync(bad, "lg_code,kind,name,kana,name_en,population\n352013,city,下関市,しものせきし,Shimonoseki,1\n");
    const failed = cli("org", "import", bad);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain("line 2");

    const added = cli(
      "user",
      "add",
      "--email",
      "it@pref.example.jp",
      "--name",
      "情報政策課",
      "--role",
      "admin",
      "--org",
      "350001",
    );
    expect(added.stderr).toBe("");
    expect(added.status).toBe(0);
    expect(added.stdout).toMatch(/Created admin it@pref\.example\.jp\. Password: \S{12,}/);
    expect(cli("user", "set-password", "it@pref.example.jp", "--password", "Chosen-Password-2026").status).toBe(0);
    expect(cli("user", "disable", "it@pref.example.jp").stdout).toContain("Disabled");
    expect(cli("user", "add", "--email", "x@y.jp", "--name", "x", "--role", "king", "--org", "350001").stderr).toContain(
      "Unknown role",
    );
  }, 180_000);

  it("backs up, verifies and restores through the command, and will not serve a half-migrated database", () => {
    const backup = path.join(dataDir, "..", `${path.basename(dataDir)}-backup`);
    const restored = path.join(dataDir, "..", `${path.basename(dataDir)}-restored`);
    try {
      const b = cli("backup", "--to", backup);
      expect(b.stderr).toBe("");
      expect(b.stdout).toMatch(/Backup written to .*Audit trail head: #\d+ [0-9a-f]{64}/s);
      const v = cli("verify");
      expect(v.status).toBe(0);
      expect(v.stdout).toMatch(/^ok {2}audit: \d+ audit rows in one chain/m);
      const at = (dir: string, ...args: string[]) =>
        spawnSync(process.execPath, [bin, ...args], { env: { ...env, DATA_DIR: dir }, encoding: "utf8", timeout: 100_000 });
      const r = at(restored, "restore", backup);
      expect(r.stdout).toContain("Restored the SQLite backup");
      expect(at(restored, "verify").status).toBe(0);
      const again = at(restored, "restore", backup);
      expect(again.status).toBe(1);
      expect(again.stderr).toContain("is not empty");

      // A migration that ran outside a transaction and never finished: the server refuses to start.
      const db = new SQLite(path.join(restored, "renkei.sqlite"));
      db.prepare("insert into renkei_migration_journal (name, started_at) values (?, ?)").run(
        "0650-example",
        "2026-11-30T00:00:00Z",
      );
      db.close();
      const serve = at(restored, "serve");
      expect(serve.status).toBe(1);
      expect(serve.stderr).toMatch(/Migration 0650-example started at .* did not finish.*will not start/s);
      expect(at(restored, "verify").stdout).toContain("migration 0650-example started and did not finish");
    } finally {
      fs.rmSync(backup, { recursive: true, force: true });
      fs.rmSync(restored, { recursive: true, force: true });
    }
  }, 180_000);

  it("reports every invalid variable at once and exits 1", () => {
    const r = spawnSync(process.execPath, [bin, "migrate"], {
      env: { ...env, PORT: "x", DATABASE_URL: "mysql://a" },
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("PORT");
    expect(r.stderr).toContain("DATABASE_URL");
    // Mail-in half configured: the start stops and says what to add.
    const m = spawnSync(process.execPath, [bin, "migrate"], { env: { ...env, MAILIN_SMTP_PORT: "2525" }, encoding: "utf8" });
    expect(m.status).toBe(1);
    expect(m.stderr).toContain("MAILIN_ADDRESS: required when MAILIN_SMTP_PORT is set (the desk's address");
  }, 60_000);

  it("starts with the demo council, prints the logins; on SIGTERM /readyz turns 503 first and a request in flight finishes", async () => {
    const demoDir = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-start-"));
    const port = 3900 + Math.floor(Math.random() * 90);
    const mailPort = port + 100;
    const child: ChildProcess = spawn(process.execPath, [bin, "start"], {
      env: {
        ...env,
        DATA_DIR: demoDir,
        PORT: String(port),
        RENKEI_DEMO_PASSWORD: "Start-Password-2026",
        JOBS_ENABLED: "false",
        LOG_LEVEL: "info",
        DRAIN_SECONDS: "2",
        MAILIN_SMTP_PORT: String(mailPort),
        MAILIN_ADDRESS: "soudan@pref.example.lg.jp",
        MAILIN_HOST: "127.0.0.1",
      },
    });
    let out = "";
    child.stdout!.on("data", (d) => (out += d));
    child.stderr!.on("data", (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    for (let i = 0; i < 300 && !out.includes("Demo logins"); i++) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain("admin@example.jp");
    expect(out).toContain("Start-Password-2026");

    const readyz = () =>
      new Promise<number>((resolve, reject) =>
        http
          .get({ host: "127.0.0.1", port, path: "/readyz", agent: false }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on("error", reject),
      );
    expect(await readyz()).toBe(200);
    // The log is written in blocks (app.ts bufferedStdout), yet a request's line arrives within moments.
    for (let i = 0; i < 20 && !out.includes('"url":"/readyz"'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain('"url":"/readyz"');

    // The desk's mail-in listener runs in the served process: a town's mail is filed.
    const smtp = nodemailer.createTransport({ host: "127.0.0.1", port: mailPort, ignoreTLS: true });
    const sent = await smtp.sendMail({
      from: "kaminoseki@example.jp",
      to: "soudan@pref.example.lg.jp",
      subject: "メールでの相談",
      text: "本文",
    });
    expect(sent.response).toMatch(/^250 2\.0\.0 Filed as consultation/);

    // Send half a request, stop the server: /readyz turns 503 while that request is still open;
    // then finish the request: it must still be answered.
    let finished = false;
    let readyWhileOpen: number[] = [];
    const body = JSON.stringify({ email: "admin@example.jp", password: "Start-Password-2026" });
    const response = new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          path: "/api/auth/login",
          method: "POST",
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.on("error", reject);
      req.write(body.slice(0, 10));
      setTimeout(async () => {
        child.kill("SIGTERM");
        await new Promise((r) => setTimeout(r, 300));
        readyWhileOpen = [await readyz()];
        for (let i = 0; i < 20 && readyWhileOpen.at(-1) !== 503; i++) readyWhileOpen.push(await readyz());
        expect(finished).toBe(false);
        req.end(body.slice(10));
      }, 200);
    });
    const status = await response;
    finished = true;
    expect(readyWhileOpen.at(-1)).toBe(503);
    expect(status).toBe(200);
    expect(await exited).toBe(0);
    // Every line reached the output whole, the drain's and the last request's included.
    const lines = out.split("\n").filter((l) => l.startsWith("{"));
    const logged = lines.map((l) => JSON.parse(l) as { msg: string; req?: { url: string }; res?: { statusCode: number } });
    expect(logged.some((l) => l.msg.startsWith("draining"))).toBe(true);
    expect(logged.some((l) => l.req?.url === "/api/auth/login" && l.res?.statusCode === 200)).toBe(true);
    // The mail-in listener closed with the drain.
    await expect(smtp.sendMail({ from: "kaminoseki@example.jp", to: "soudan@pref.example.lg.jp", text: "x" })).rejects.toThrow(
      /ECONNREFUSED/,
    );
    fs.rmSync(demoDir, { recursive: true, force: true });
  }, 120_000);
});
