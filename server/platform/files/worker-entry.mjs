// The thread that parses heavy files (XLSX, Office, PDF text) off the main event loop.
// Under tsx (development, tests) it loads TypeScript through tsx like bin/renkei.js; in the compiled
// server (dist/server, `npm start`) the modules are JavaScript. Then it runs the functions it is sent.
import { parentPort, workerData } from "node:worker_threads";

if (workerData?.tsx) (await import("tsx/esm/api")).register();

parentPort.on("message", async ({ id, module, fn, args }) => {
  try {
    const m = await import(module);
    parentPort.postMessage({ id, ok: true, value: await m[fn](...args) });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    parentPort.postMessage({ id, ok: false, error: { message: e.message, code: e.code, status: e.status, details: e.details } });
  }
});
