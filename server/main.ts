import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { beginDrain, buildApp } from "./app.js";
import { type Config, ConfigError, loadConfig } from "./config.js";
import { startDeskMailIn } from "./modules/consultations/index.js";
import type { DemoCouncil } from "./modules/demo/seed.js";
import type { Ctx } from "./platform/context.js";
import { migrateToLatest, openDatabase } from "./platform/db/database.js";
import { AppError } from "./platform/errors.js";
import "./platform/jobs/backup.js";
import { startWorker } from "./platform/jobs/worker.js";
import type { MailInListener } from "./platform/mail/smtp-in.js";

// What only some commands use (the demo seed with its PDFs, CSV import, user commands, backup) is
// imported by those commands, so `renkei serve` loads no more than the server before listening.
const demoSeed = () => import("./modules/demo/seed.js");

const usage = `renkei — 連携 デジタル・ガバメント構築連携プラットフォーム

Usage:
  renkei start                     migrate, seed the demo council if the database is empty, serve
  renkei serve                     migrate and serve (production: no demo data)
  renkei migrate                   apply database migrations
  renkei seed --demo               load the demo Yamaguchi council into an empty database
  renkei user add --email E --name N --role R --org CODE_OR_NAME [--org-admin] [--password P]
  renkei user set-password EMAIL [--password P]
  renkei user disable EMAIL
  renkei org import FILE.csv       columns: lg_code,kind,name,kana,name_en,population
  renkei backup --to DIR           online backup: database snapshot, stored files, manifest of SHA-256 sums
  renkei restore DIR               restore a checked backup into an empty DATA_DIR / empty database
  renkei verify                    check the database, stored files against their rows, and the audit chain
  renkei directory sync [--dry-run]
                                   sync accounts from the LDAP directory (LDAP_* settings); --dry-run only
                                   prints who would be created, updated, disabled or left out
  renkei storage migrate --to s3|local
                                   copy every stored file to the other store (S3_* settings), SHA-256 verified

Without --password a strong password is generated and printed once.
Roles: admin, secretariat, specialist, municipal, observer.`;

// dist/web, from server/ or from the compiled dist/server/server/.
const webDir = path.resolve(
  import.meta.dirname,
  import.meta.dirname.includes(`${path.sep}dist${path.sep}`) ? "../../web" : "../dist/web",
);

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      demo: { type: "boolean" },
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      org: { type: "string" },
      "org-admin": { type: "boolean" },
      password: { type: "string" },
      to: { type: "string" },
      "dry-run": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [cmd, sub, arg] = positionals;
  if (!cmd || values.help) return console.log(usage);

  // A .env file in the working directory is read once, before the configuration is parsed.
  if (fs.existsSync(".env")) process.loadEnvFile(".env");
  const config = loadConfig();
  if (cmd === "backup" || cmd === "restore" || cmd === "verify") {
    const { opsCommand } = await import("./platform/ops/cli.js");
    process.exitCode = await opsCommand(cmd, config, cmd === "backup" ? values.to : sub);
    return;
  }
  const database = openDatabase(config);
  const ctx: Ctx = { db: database.db, engine: database.engine, config, actor: null, ip: null, userAgent: "renkei-cli" };
  const close = () => database.close();

  switch (cmd) {
    case "migrate": {
      const applied = await migrateToLatest(database.db);
      console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
      return close();
    }
    case "seed": {
      if (!values.demo) throw new Error("Only `renkei seed --demo` exists.");
      await migrateToLatest(database.db);
      if (!(await (await demoSeed()).isEmpty(ctx)))
        throw new Error("The database already has data; the demo seed only loads into an empty one.");
      printLogins(await seedDemoForPeople(ctx, config), config);
      return close();
    }
    case "start":
    case "serve": {
      await migrateToLatest(database.db);
      let demo: DemoCouncil | null = null;
      if (cmd === "start" && (await (await demoSeed()).isEmpty(ctx))) demo = await seedDemoForPeople(ctx, config);
      return serve(config, database, demo);
    }
    case "user":
      await migrateToLatest(database.db);
      await userCommand(ctx, sub, arg, values);
      return close();
    case "org": {
      if (sub !== "import" || !arg) throw new Error("Usage: renkei org import FILE.csv");
      await migrateToLatest(database.db);
      const actor = { ...ctx, actor: systemActor() };
      const { importOrgs } = await import("./modules/orgs/service.js");
      const { localUpload } = await import("./platform/files/upload.js");
      const result = await importOrgs(actor, localUpload({}, [{ bytes: fs.readFileSync(arg), name: path.basename(arg) }]));
      console.log(`Imported organisations (${result.encoding}): ${result.created} created, ${result.updated} updated.`);
      return close();
    }
    case "directory": {
      if (sub !== "sync") throw new Error("Usage: renkei directory sync [--dry-run]");
      await migrateToLatest(database.db);
      const { syncDirectory } = await import("./modules/directory/service.js");
      const { formatReport } = await import("./modules/directory/report.js");
      // A directory that cannot be read is an AppError: printed with what to check, exit status 1.
      console.log(formatReport(await syncDirectory(ctx, { dryRun: !!values["dry-run"], via: "cli" })));
      return close();
    }
    case "storage": {
      const to = values.to;
      if (sub !== "migrate" || (to !== "s3" && to !== "local")) throw new Error("Usage: renkei storage migrate --to s3|local");
      await migrateToLatest(database.db);
      const { migrateStore, migrationStores } = await import("./platform/files/migrate-store.js");
      const r = await migrateStore(database.db, migrationStores(config, to), (n) => {
        if (n % 1000 === 0) console.log(`  ${n} blobs verified…`);
      });
      console.log(
        `From ${r.from} to ${r.to}: ${r.blobs} blobs, ${r.copied} copied (${(r.bytes / 1048576).toFixed(1)} MB), ${r.present} already there; ${r.verified} read back with the right SHA-256.`,
      );
      if (r.missing.length) {
        console.error(
          `${r.missing.length} file rows have no blob in either store (e.g. ${r.missing[0]}). Run \`renkei verify\`.`,
        );
        process.exitCode = 1;
      } else
        console.log(`Every stored file is in ${r.to}. Set FILE_STORE=${to} and restart the instances, then run this once more.`);
      return close();
    }
    default:
      console.log(usage);
      process.exitCode = 2;
      return close();
  }
}

/** The demo council and its content (meetings, notices, surveys …), for people trying Renkei; tests seed the council alone. */
async function seedDemoForPeople(ctx: Ctx, config: Config): Promise<DemoCouncil> {
  const demo = await (await demoSeed()).seedDemo(ctx, { password: config.demoPassword });
  if (config.demoContent) await (await import("./modules/demo/content.js")).seedDemoContent(ctx, demo);
  return demo;
}

/** The operator at the server console acts with admin rights; audit rows show no user. */
function systemActor() {
  return {
    userId: "",
    orgId: "",
    orgKind: "prefecture" as const,
    role: "admin" as const,
    isOrgAdmin: false,
    email: "cli",
    name: "CLI",
    twoFactorEnabled: true,
  };
}

async function userCommand(
  ctx: Ctx,
  sub: string | undefined,
  arg: string | undefined,
  v: Record<string, string | boolean | undefined>,
) {
  const { generatePassword } = await demoSeed();
  const { disableByEmail, insertNewUser, setPasswordByEmail } = await import("./modules/users/service.js");
  const { checkPasswordRules, hashPassword } = await import("./platform/auth/passwords.js");
  const password = (v.password as string | undefined) ?? generatePassword();
  const generated = !v.password;
  if (sub === "add") {
    const { email, name, role, org } = v as Record<string, string | undefined>;
    if (!email || !name || !role || !org)
      throw new Error("Usage: renkei user add --email E --name N --role R --org CODE_OR_NAME");
    if (!["admin", "secretariat", "specialist", "municipal", "observer"].includes(role)) throw new Error(`Unknown role: ${role}`);
    const found = await ctx.db
      .selectFrom("orgs")
      .select("id")
      .where((eb) => eb.or([eb("lg_code", "=", org), eb("name", "=", org), eb("id", "=", org)]))
      .executeTakeFirst();
    if (!found)
      throw new Error(`No organisation with code or name "${org}". Import organisations first: renkei org import FILE.csv`);
    checkPasswordRules(password, email);
    const hash = await hashPassword(password, ctx.config.argon2MemoryKiB);
    await ctx.db.transaction().execute(async (trx) => {
      const id = await insertNewUser(
        { ...ctx, db: trx },
        { email, name, role: role as never, orgId: found.id, isOrgAdmin: !!v["org-admin"], passwordHash: hash },
      );
      const { recordAudit } = await import("./platform/audit/record.js");
      await recordAudit({ ...ctx, db: trx }, "user.create", { type: "user", id }, { via: "cli", email, role });
    });
    console.log(`Created ${role} ${email}.${generated ? ` Password: ${password}` : ""}`);
  } else if (sub === "set-password" && arg) {
    checkPasswordRules(password, arg);
    await setPasswordByEmail(ctx, arg, password);
    console.log(`Password set for ${arg}.${generated ? ` Password: ${password}` : ""}`);
  } else if (sub === "disable" && arg) {
    await disableByEmail(ctx, arg);
    console.log(`Disabled ${arg}; their sessions have ended.`);
  } else throw new Error("Usage: renkei user add | set-password EMAIL | disable EMAIL");
}

async function serve(config: Config, database: ReturnType<typeof openDatabase>, demo: DemoCouncil | null) {
  const app = await buildApp({ config, database, webDir });
  const worker = config.jobsEnabled ? startWorker(database, config, app.log) : null;
  let mailIn: MailInListener | null = null;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    // Readiness goes false first; the load balancer stops sending new requests within DRAIN_SECONDS.
    beginDrain(app);
    app.log.info({ signal, drainSeconds: config.drainSeconds }, "draining: /readyz answers 503, then requests in flight finish");
    const stopping = worker?.stop(); // claims no new job; the one running finishes
    await new Promise((r) => setTimeout(r, config.drainSeconds * 1000));
    // The mail-in listener stops taking connections (relays retry elsewhere or later); messages being received finish.
    await Promise.all([app.close(), mailIn?.close()]); // stops accepting, waits for in-flight requests
    await stopping;
    await database.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  await app.listen({ port: config.port, host: config.host });
  mailIn = await startDeskMailIn(database, config, app.log);
  if (demo) printLogins(demo, config);
}

function printLogins(demo: DemoCouncil, config: Config) {
  const lines = demo.logins.map((l) => `  ${l.email.padEnd(26)} ${l.role.padEnd(12)} ${l.org}${l.note ? `（${l.note}）` : ""}`);
  console.log(
    `\nRenkei demo council is ready at ${config.publicUrl}\nDemo logins (password for all: ${demo.password}):\n${lines.join("\n")}\n` +
      "  …and one clerk per other municipality, e.g. shimonoseki@example.jp\n",
  );
}

main(process.argv.slice(2)).catch((err) => {
  if (err instanceof ConfigError) console.error(err.message);
  else if (err instanceof AppError)
    console.error(`Error: ${err.message}${err.details ? `\n${JSON.stringify(err.details, null, 2)}` : ""}`);
  else console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
