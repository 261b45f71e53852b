/**
 * Run as a separate process by tracing-lazy.test.ts: builds the app from the environment (on an empty
 * database: the requests need no table), answers two requests, closes, and prints the OpenTelemetry packages this process loaded (as a JSON list).
 */
import { createRequire } from "node:module";
import { buildApp } from "../../app.js";
import { loadConfig } from "../../config.js";
import { openDatabase } from "../db/database.js";

const config = loadConfig();
const database = openDatabase(config);
const app = await buildApp({ config, database });
await app.inject({ method: "GET", url: "/readyz" });
await app.inject({ method: "GET", url: `/api/documents/${crypto.randomUUID()}` });
await app.close();
await database.close();
const packages = Object.keys(createRequire(import.meta.url).cache)
  .map((file) => /\/node_modules\/(@opentelemetry\/[^/]+)\//.exec(file)?.[1])
  .filter((p): p is string => !!p);
console.log(JSON.stringify([...new Set(packages)].sort()));
