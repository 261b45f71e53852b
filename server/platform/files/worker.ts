import { Worker } from "node:worker_threads";
import { AppError } from "../errors.js";

/**
 * Heavy file parsing (reading XLSX, extracting Office and PDF text) runs in worker threads with
 * memory limits, so one hostile or huge file can neither stall other requests nor exhaust the
 * server's memory. A worker that runs out of memory or time is ended and replaced.
 */

const limits = { maxOldGenerationSizeMb: 384, maxYoungGenerationSizeMb: 48, stackSizeMb: 4 };
const timeoutMs = 60_000;
const keepIdle = 2;
const idle: Worker[] = [];
let seq = 0;

/** Whether this is the compiled server (dist/server, `npm start`) rather than TypeScript run through tsx. */
const compiled = !import.meta.url.endsWith(".ts");

/**
 * The module beside `callerUrl` that a worker runs, named without its extension: `name.ts` under tsx,
 * `name.js` in the compiled server. Callers pass their `import.meta.url`.
 */
export const workerModule = (callerUrl: string, name: string) => new URL(`./${name}${compiled ? ".js" : ".ts"}`, callerUrl).href;

function spawn(): Worker {
  // The entry is copied beside the compiled worker.js by scripts/build-server.mjs; it loads tsx only when needed.
  return new Worker(new URL("./worker-entry.mjs", import.meta.url), { resourceLimits: limits, workerData: { tsx: !compiled } });
}

const tooHeavy = (file?: string) =>
  new AppError(
    "PAYLOAD_TOO_LARGE",
    `${file ? `「${file}」は` : "ファイルは"}大きすぎるか複雑すぎて読み切れませんでした。シートや行を分けて、小さなファイルにしてください。`,
    file ? { file } : undefined,
  );

/**
 * Runs `fn` exported by `module` (a file URL from workerModule(import.meta.url, "x"))
 * in a worker thread. Arguments and result travel by structured clone (Buffers arrive as Uint8Array).
 * An AppError thrown there is thrown here as the same AppError.
 */
export function runInWorker<T>(module: string, fn: string, args: unknown[], file?: string): Promise<T> {
  const worker = idle.pop() ?? spawn();
  worker.ref();
  const id = ++seq;
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (keep: boolean) => {
      settled = true;
      clearTimeout(timer);
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      if (keep && idle.length < keepIdle) {
        worker.unref();
        idle.push(worker);
      } else void worker.terminate();
    };
    const onMessage = (m: {
      id: number;
      ok: boolean;
      value?: T;
      error?: { message: string; code?: string; status?: number; details?: unknown };
    }) => {
      if (m.id !== id) return;
      finish(true);
      if (m.ok) return resolve(m.value as T);
      const e = m.error!;
      if (e.status && e.code) return reject(new AppError(e.code as never, e.message, e.details as never));
      reject(new Error(e.message));
    };
    const onError = (err: Error & { code?: string }) => {
      if (settled) return;
      finish(false);
      reject(err.code === "ERR_WORKER_OUT_OF_MEMORY" ? tooHeavy(file) : err);
    };
    const onExit = () => {
      if (!settled) {
        finish(false);
        reject(tooHeavy(file));
      }
    };
    const timer = setTimeout(() => {
      if (settled) return;
      finish(false);
      reject(tooHeavy(file));
    }, timeoutMs);
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    worker.postMessage({ id, module, fn, args });
  });
}
