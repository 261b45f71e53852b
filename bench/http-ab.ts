/**
 * bench:ab — does a change make the request path cheaper? Two builds of the server side by side: the
 * working tree's (copied and built now) and BASE's (a git revision, HEAD by default, built in a
 * temporary worktree), two servers of each, all on the first core and one database. This process (on the
 * other cores) drives all four at once with autocannon at the same fixed rate, RATE requests a second each
 * with 10 connections. For each route, ROUNDS rounds of DURATION seconds: each build's CPU time per request
 * (from /proc, the mean of its two servers) and the median of the rounds' ratios, working tree ÷ base.
 *
 * Why: bench:http measures one build at full speed, and on a shared virtual machine two of its runs a
 * minute apart differ by more than a change of 5–10 %. Here a slow second slows both builds alike.
 * `BASE=work` runs the working tree against itself, which shows the noise that is left (ratios within
 * about ±3 % of 1.00 on the 2-core machine).
 *   npm run bench:ab                                  (working tree against HEAD, SQLite, every hot route)
 *   BASE=HEAD~3 ROUTES=notices,me npm run bench:ab
 *   ENGINES=postgres npm run bench:ab                 (a scratch database on TEST_DATABASE_URL's server)
 * A revision whose migrations differ from the working tree's cannot be compared (one database serves both).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { seedDemoContent } from "../server/modules/demo/content.js";
import { hotRoutes, routeIds, signIn } from "./http-routes.js";
import { pinLoadAwayFromServers, type Server, startServer } from "./http-servers.js";
import { onEachEngine, openBenchDatabase } from "./support.js";

const BASE = process.env.BASE ?? "HEAD";
process.env.ENGINES ??= "sqlite"; // onEachEngine: PostgreSQL only when asked
const RATE = Number(process.env.RATE ?? 1500);
const DURATION = Number(process.env.DURATION ?? 4);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const ONLY = process.env.ROUTES?.split(",");
const routes = hotRoutes.filter((r) => !ONLY || ONLY.includes(r.name));
const root = path.resolve(import.meta.dirname, "..");
const entry = (dir: string) => path.join(dir, "dist/server/server/main.js");

/**
 * Compiles the server in `dir` (a copy of the project), with this project's node_modules and built web app:
 * both builds are made and run from the same kind of place, as the same files (a build run from the project's
 * own folder was measured 5–7 % costlier than the same code built in a temporary copy).
 */
function build(dir: string): string {
  fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
  fs.mkdirSync(path.join(dir, "dist"), { recursive: true });
  if (fs.existsSync(path.join(root, "dist/web"))) fs.symlinkSync(path.join(root, "dist/web"), path.join(dir, "dist/web"));
  execFileSync(process.execPath, ["scripts/build-server.mjs"], { cwd: dir, stdio: "inherit" });
  return dir;
}

/** BASE in a git worktree of its own, compiled. */
function buildBase(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-ab-base-"));
  execFileSync("git", ["worktree", "add", "--detach", "--quiet", dir, BASE], { cwd: root, stdio: "inherit" });
  return build(dir);
}

/** The working tree's server and build script, as they are now (committed or not), copied and compiled. */
function buildWork(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-ab-work-"));
  for (const part of ["server", "shared", "scripts", "package.json", "tsconfig.json"])
    fs.cpSync(path.join(root, part), path.join(dir, part), { recursive: true });
  return build(dir);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The servers at RATE each, at the same time, for `seconds`; each one's CPU µs per request. The load of
 * the one named first starts first (all share this process's event loop): callers alternate the order.
 */
async function together(servers: Server[], url: string, cookie: string | undefined, seconds: number) {
  const cpu0 = servers.map((s) => s.cpuMicros());
  const runs = await Promise.all(
    servers.map((s) =>
      autocannon({
        url: s.url + url,
        connections: 10,
        duration: seconds,
        overallRate: RATE,
        headers: cookie ? { cookie } : {},
      }),
    ),
  );
  return runs.map((r, i) => {
    if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx responses, ${r.errors} errors`);
    return (servers[i]!.cpuMicros() - cpu0[i]!) / r.requests.total;
  });
}

async function compare(engine: string, databaseUrl: string | undefined, baseDir: string, workDir: string) {
  const b = await openBenchDatabase({ databaseUrl });
  const demo = await b.seedDemo();
  await seedDemoContent(b.ctx, demo);
  const ids = await routeIds(b.ctx);
  await b.database.close();
  const env = {
    DATA_DIR: b.dataDir,
    DATABASE_URL: databaseUrl,
    NODE_ENV: "production",
    LOG_LEVEL: "info",
    RENKEI_DEMO_CONTENT: "false",
  };
  const log = (name: string) => path.join(b.dataDir, `${name}.log`);
  // Two servers of each build, started base, work, work, base: whatever favours a process for the order
  // in which it started (about ±5 % on the 2-core machine) falls on both builds alike.
  const servers: Server[] = [];
  for (const [i, dir] of [baseDir, workDir, workDir, baseDir].entries())
    servers.push(await startServer([entry(dir), "serve"], env, "/readyz", log(`server-${i}`)));
  const work = servers[1]!;
  try {
    const cookies = {
      clerk: await signIn(work.url, "shunan@example.jp"),
      staff: await signIn(work.url, "secretariat@example.jp"),
      none: undefined,
    };
    console.log(
      `\nbench:ab ${engine}: working tree ÷ ${BASE}  (${RATE} req/s to each, ${ROUNDS} rounds of ${DURATION} s, two servers of each on core 0; server CPU µs per request, medians)`,
    );
    console.log("route              base    work  work÷base  rounds");
    for (const route of routes) {
      const url = route.url(ids);
      const cookie = cookies[route.as];
      await together(servers, url, cookie, 1); // warm-up
      const rounds: number[][] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const cpu =
          i % 2 === 0
            ? await together(servers, url, cookie, DURATION)
            : (await together([...servers].reverse(), url, cookie, DURATION)).reverse();
        rounds.push([(cpu[0]! + cpu[3]!) / 2, (cpu[1]! + cpu[2]!) / 2]);
      }
      const ratios = rounds.map(([b0, w]) => w! / b0!);
      console.log(
        `${route.name.padEnd(16)}${median(rounds.map((r) => r[0]!))
          .toFixed(1)
          .padStart(7)}${median(rounds.map((r) => r[1]!))
          .toFixed(1)
          .padStart(8)}${median(ratios).toFixed(3).padStart(11)}  ${ratios.map((r) => r.toFixed(2)).join(" ")}`,
      );
    }
  } finally {
    for (const server of servers) await server.stop();
    fs.rmSync(b.dataDir, { recursive: true, force: true });
  }
}

pinLoadAwayFromServers();
const workDir = buildWork();
const baseDir = BASE === "work" ? workDir : buildBase();
try {
  await onEachEngine((engine, databaseUrl) => compare(engine, databaseUrl, baseDir, workDir));
} finally {
  fs.rmSync(workDir, { recursive: true, force: true });
  if (baseDir !== workDir) execFileSync("git", ["worktree", "remove", "--force", baseDir], { cwd: root });
}
