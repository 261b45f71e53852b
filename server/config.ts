import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";
import { type DirectoryConfig, parseDirectory } from "./config-directory.js";
import { parseSamlProviders, type SamlProviderConfig, type SamlSpKeys } from "./config-saml.js";
import { type OidcProviderConfig, parseOidcProviders } from "./config-sso.js";

/** Every environment variable Renkei reads. Parsed once at start; nothing else reads process.env. */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// (leave unset for the embedded SQLite database)")
    .optional(),
  PUBLIC_URL: z.url().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Renkei <noreply@renkei.localhost>"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  RENKEI_DEMO_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
  RENKEI_DEMO_CONTENT: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  TRUST_PROXY: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  SESSION_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /** Failed sign-ins from one address, across accounts, before that address waits LOGIN_LOCK_MINUTES (password spraying). */
  LOGIN_ADDRESS_MAX_FAILURES: z.coerce.number().int().min(1).max(10000).default(50),
  /** Days without use after which an account is flagged to its organisation's administrator. */
  ACCOUNT_DORMANT_DAYS: z.coerce.number().int().min(7).max(3650).default(90),
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(1024).default(20),
  JOBS_ENABLED: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  /** How long an idle job worker waits before looking for due jobs again. */
  JOB_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(2000),
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_HOUR: z.coerce.number().int().min(0).max(23).default(2),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(365).default(7),
  PG_BIN_DIR: z.string().min(1).optional(),
  /** Where uploaded files live: the data folder (default) or an S3-compatible object store. */
  FILE_STORE: z.enum(["local", "s3"]).default("local"),
  S3_ENDPOINT: z.url("must be a URL such as https://s3.example.jp or http://127.0.0.1:9000").optional(),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be a bucket name: 3–63 lower-case letters, digits, dots, hyphens")
    .optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  /** On SIGTERM, how long /readyz answers 503 before the server stops accepting (the load balancer's check interval × fall). */
  DRAIN_SECONDS: z.coerce.number().min(0).max(300).default(5),
  /** The bearer token Prometheus sends to GET /metrics; unset: /metrics is a 404. */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /** OpenTelemetry traces, off unless set: the OTLP/HTTP collector (spans are posted to <endpoint>/v1/traces as JSON). */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url("must be a URL such as http://otel-collector:4318").optional(),
  /** The full traces URL, when it is not <OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url("must be a URL such as http://otel-collector:4318/v1/traces").optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default("renkei"),
  /** Prepended to every object key, e.g. `renkei/` to share a bucket. */
  S3_PREFIX: z.string().default(""),
  /** Mail-in for the desk (off unless set): the port Renkei's own SMTP listener takes mail on. */
  MAILIN_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  MAILIN_HOST: z.string().min(1).default("0.0.0.0"),
  /** The desk's address, e.g. soudan@pref.yamaguchi.lg.jp; mail to any other recipient is refused. */
  MAILIN_ADDRESS: z.email("must be an e-mail address such as soudan@pref.example.lg.jp").optional(),
  MAILIN_MAX_MB: z.coerce.number().int().min(1).max(100).default(20),
  /** Comma-separated sender domains accepted (unset: any domain of a known user). */
  MAILIN_SENDER_DOMAINS: z.string().default(""),
  /** Comma-separated IP addresses of the relays allowed to connect, e.g. the LGWAN mail relay (unset: any). */
  MAILIN_RELAY_HOSTS: z.string().default(""),
});

export type Env = z.input<typeof schema>;

export interface Config {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  publicUrl: string;
  smtpUrl?: string;
  mailFrom: string;
  logLevel: string;
  demoPassword?: string;
  /** Seed sample meetings, notices, surveys … with the demo council (the browser tests start without them). */
  demoContent: boolean;
  trustProxy: boolean;
  sessionDays: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  loginAddressMaxFailures: number;
  uploadMaxBytes: number;
  accountDormantDays: number;
  jobsEnabled: boolean;
  /** Milliseconds an idle job worker waits between looks at the jobs table. */
  jobPollMs: number;
  /** Where the scheduled backup job writes (unset: no scheduled backups), at which hour (JST), how many it keeps. */
  backupDir?: string;
  backupHour: number;
  backupKeep: number;
  /** A folder holding pg_dump/pg_restore, when they are not where Debian or RHEL packages put them. */
  pgBinDir?: string;
  /** OpenID Connect providers (OIDC_PROVIDERS and OIDC_<ID>_*, see config-sso.ts). */
  oidcProviders: OidcProviderConfig[];
  /** SAML 2.0 identity providers (SAML_PROVIDERS and SAML_<ID>_*, see config-saml.ts) and this service's key pair. */
  samlProviders: SamlProviderConfig[];
  samlSpKeys?: SamlSpKeys;
  /** The LDAP / Active Directory directory synced into the accounts (LDAP_*, see config-directory.ts); unset: none. */
  directory?: DirectoryConfig;
  /** Where the content-addressed blobs of uploaded and generated files are kept (platform/files/blob-store.ts). */
  fileStore: FileStoreConfig;
  /** Seconds between readiness going false on SIGTERM and closing the listener. */
  drainSeconds: number;
  /** Bearer token for GET /metrics (unset: no metrics endpoint). */
  metricsToken?: string;
  /** Where OpenTelemetry spans are sent (OTEL_EXPORTER_OTLP_*); unset: no tracing, nothing of OpenTelemetry's SDK loaded. */
  tracing?: TracingConfig;
  /** The S3 settings whenever S3_BUCKET is set (also with FILE_STORE=local: `renkei storage migrate --to s3` uses them). */
  s3?: S3StoreConfig;
  /** Mail-in for the consultation desk (MAILIN_*); unset: off. */
  mailIn?: MailInConfig;
  /** argon2 cost; lowered only by tests, never by an environment variable. */
  argon2MemoryKiB: number;
}

export interface S3StoreConfig {
  kind: "s3";
  /** Unset: AWS itself. */
  endpoint?: string;
  bucket: string;
  region: string;
  /** Unset: the AWS SDK's own chain (AWS_* variables, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  forcePathStyle: boolean;
  prefix: string;
}
export type FileStoreConfig = { kind: "local" } | S3StoreConfig;

export interface TracingConfig {
  /** The OTLP/HTTP traces URL, e.g. http://otel-collector:4318/v1/traces. */
  url: string;
  serviceName: string;
}

export interface MailInConfig {
  /** 0 in tests: an ephemeral port. */
  port: number;
  host: string;
  /** The desk's address, lower case. */
  address: string;
  maxBytes: number;
  /** Lower-case sender domains accepted; empty: any. */
  senderDomains: string[];
  /** Client addresses allowed to connect; empty: any. */
  relayHosts: string[];
}

const list = (v: string) =>
  v
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);

/** MAILIN_*: on when both the port and the desk's address are set; every half-set or wrong value named. */
function mailInOf(e: z.infer<typeof schema>, problems: string[]): MailInConfig | undefined {
  if (e.MAILIN_SMTP_PORT === undefined && !e.MAILIN_ADDRESS) return undefined;
  if (e.MAILIN_SMTP_PORT === undefined)
    problems.push("MAILIN_SMTP_PORT: required when MAILIN_ADDRESS is set (the port Renkei takes the desk's mail on, e.g. 2525)");
  if (!e.MAILIN_ADDRESS)
    problems.push("MAILIN_ADDRESS: required when MAILIN_SMTP_PORT is set (the desk's address, e.g. soudan@pref.example.lg.jp)");
  const relayHosts = list(e.MAILIN_RELAY_HOSTS);
  const wrong = relayHosts.filter((h) => !isIP(h));
  if (wrong.length)
    problems.push(`MAILIN_RELAY_HOSTS: not IP addresses: ${wrong.join(", ")} (give the relays' addresses, comma-separated)`);
  if (e.MAILIN_SMTP_PORT === undefined || !e.MAILIN_ADDRESS) return undefined;
  return {
    port: e.MAILIN_SMTP_PORT,
    host: e.MAILIN_HOST,
    address: e.MAILIN_ADDRESS.toLowerCase(),
    maxBytes: e.MAILIN_MAX_MB * 1024 * 1024,
    senderDomains: list(e.MAILIN_SENDER_DOMAINS).map((d) => d.replace(/^@/, "")),
    relayHosts,
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Parses the environment (or an override object in tests) and reports every invalid variable at once. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(source);
  const sso = parseOidcProviders(source);
  const saml = parseSamlProviders(source);
  const directory = parseDirectory(source);
  if (!parsed.success || sso.problems.length || saml.problems.length || directory.problems.length) {
    const issues = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError([...issues, ...sso.problems, ...saml.problems, ...directory.problems]);
  }
  const e = parsed.data;
  const problems: string[] = [];
  const tracesUrl =
    e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    (e.OTEL_EXPORTER_OTLP_ENDPOINT && `${e.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, "")}/v1/traces`);
  if (e.FILE_STORE === "s3" && !e.S3_BUCKET)
    problems.push("S3_BUCKET: required when FILE_STORE=s3 (the bucket that holds the files)");
  if (!!e.S3_ACCESS_KEY_ID !== !!e.S3_SECRET_ACCESS_KEY)
    problems.push("S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: give both or neither");
  const mailIn = mailInOf(e, problems);
  if (problems.length) throw new ConfigError(problems);
  const s3: S3StoreConfig | undefined = e.S3_BUCKET
    ? {
        kind: "s3",
        endpoint: e.S3_ENDPOINT,
        bucket: e.S3_BUCKET!,
        region: e.S3_REGION,
        credentials:
          e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
            ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
            : undefined,
        forcePathStyle: e.S3_FORCE_PATH_STYLE,
        prefix: e.S3_PREFIX,
      }
    : undefined;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    demoPassword: e.RENKEI_DEMO_PASSWORD,
    demoContent: e.RENKEI_DEMO_CONTENT,
    trustProxy: e.TRUST_PROXY,
    sessionDays: e.SESSION_DAYS,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    loginAddressMaxFailures: e.LOGIN_ADDRESS_MAX_FAILURES,
    uploadMaxBytes: e.UPLOAD_MAX_MB * 1024 * 1024,
    accountDormantDays: e.ACCOUNT_DORMANT_DAYS,
    jobsEnabled: e.JOBS_ENABLED,
    jobPollMs: e.JOB_POLL_MS,
    backupDir: e.BACKUP_DIR ? path.resolve(e.BACKUP_DIR) : undefined,
    backupHour: e.BACKUP_HOUR,
    backupKeep: e.BACKUP_KEEP,
    pgBinDir: e.PG_BIN_DIR,
    oidcProviders: sso.providers,
    samlProviders: saml.providers,
    samlSpKeys: saml.spKeys,
    directory: directory.directory,
    metricsToken: e.METRICS_TOKEN,
    tracing: tracesUrl ? { url: tracesUrl, serviceName: e.OTEL_SERVICE_NAME } : undefined,
    drainSeconds: e.DRAIN_SECONDS,
    fileStore: e.FILE_STORE === "s3" && s3 ? s3 : { kind: "local" },
    s3,
    mailIn,
    argon2MemoryKiB: 19456,
  };
}
