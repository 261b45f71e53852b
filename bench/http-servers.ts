/**
 * The server processes of bench/http.ts, bench/http-ab.ts and bench/load.ts: built, started, waited for, their CPU
 * time and memory read from /proc, stopped.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../server/platform/testing/free-port.js";

const root = path.resolve(import.meta.dirname, "..");
let pinned = false;

/**
 * Puts this process (the load) on every core but the first, where the servers started afterwards run, when
 * there are two cores or more, taskset is installed and PIN is not 0; whether it did.
 */
export function pinLoadAwayFromServers(): boolean {
  pinned =
    process.env.PIN !== "0" &&
    os.cpus().length >= 2 &&
    spawnSync("taskset", ["-apc", `1-${os.cpus().length - 1}`, String(process.pid)]).status === 0;
  return pinned;
}
const CLOCK_TICKS = 100; // USER_HZ of /proc/<pid>/stat on Linux

/**
 * Compiles the server to dist/server, as `npm start` does, and says how long that took. bin/renkei.js runs the
 * TypeScript through tsx when the build is older than a source file: without this, a benchmark run after an edit
 * would measure a start of about 4.5 s and 80 MiB more memory, which no production server has.
 */
export function buildServer() {
  const start = performance.now();
  const r = spawnSync(process.execPath, ["scripts/build-server.mjs"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error("scripts/build-server.mjs failed");
  console.log(`the server compiled to dist/server, as npm start does (${((performance.now() - start) / 1000).toFixed(1)} s)`);
}

async function waitFor(url: string, child: ChildProcess, timeoutMs = 60_000) {
  const start = performance.now();
  while (performance.now() - start < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return performance.now() - start;
    } catch {}
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${url}: not ready after ${timeoutMs} ms`);
}

/**
 * A server in its own process (`node …args`, run from the project's folder, on core 0 once
 * pinLoadAwayFromServers has run); resolves once `readyPath` answers 200, with the time that took.
 */
export async function startServer(args: string[], env: Record<string, string | undefined>, readyPath: string, logFile: string) {
  const port = await freePort();
  const out = fs.openSync(logFile, "a");
  const start = performance.now();
  const [command, argv] = pinned ? ["taskset", ["-c", "0", process.execPath, ...args]] : [process.execPath, args];
  const child = spawn(command, argv, {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", out, out],
  });
  fs.closeSync(out);
  await waitFor(`http://127.0.0.1:${port}${readyPath}`, child);
  const startMs = performance.now() - start;
  /** [user, system] CPU time the process has used, in µs. */
  const times = () => {
    const f = fs.readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return [(Number(f[11]) * 1e6) / CLOCK_TICKS, (Number(f[12]) * 1e6) / CLOCK_TICKS] as const;
  };
  const cpuMicros = () => {
    const [user, system] = times();
    return user + system;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    startMs,
    /** CPU the process used to start (steadier than the wall time on a busy machine). */
    startCpuMicros: cpuMicros(),
    /** CPU time (user + system) the server process has used, in µs. */
    cpuMicros,
    /** The part of it spent in the kernel (system time: the sockets' and files' system calls), in µs. */
    systemMicros: () => times()[1],
    rssMiB: () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, "utf8"))![1]) / 1024,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export type Server = Awaited<ReturnType<typeof startServer>>;
