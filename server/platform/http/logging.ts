import fs from "node:fs";
import os from "node:os";
import type { FastifyReply, FastifyRequest } from "fastify";
import { redactUrl } from "./redact.js";

/**
 * Where the log goes: lines gathered in memory and written to a file descriptor (standard output) in
 * blocks of 16 KB, with one synchronous write each, and every 200 ms and at exit. So a request's line
 * costs a push onto an array. (pino's own destination, sonic-boom, measures the bytes of its whole
 * pending block on every line and writes through the thread pool: a line cost it 3–4 µs against 0.7,
 * and light routes served 5–10 % fewer requests per CPU second; bench:http.)
 * A crash that kills the process outright (kill -9, out of memory) loses at most the last 200 ms.
 * Synchronous, as Node's own process.stdout is for files and pipes: a reader that stops reading
 * holds the server, rather than lines piling up in memory.
 */
export class LogOutput {
  #lines: string[] = [];
  #size = 0;

  constructor(
    private readonly fd: number,
    private readonly blockSize = 16 * 1024,
  ) {}

  write(line: string): boolean {
    this.#lines.push(line);
    this.#size += line.length;
    if (this.#size >= this.blockSize) this.flush();
    return true;
  }

  flush(): void {
    if (this.#size === 0) return;
    const data = Buffer.from(this.#lines.join(""));
    this.#lines = [];
    this.#size = 0;
    let offset = 0;
    while (offset < data.length) {
      try {
        offset += fs.writeSync(this.fd, data, offset);
      } catch (err) {
        // A pipe set to non-blocking by someone else, momentarily full: wait a little and go on.
        if ((err as NodeJS.ErrnoException).code !== "EAGAIN") throw err;
        Atomics.wait(pause, 0, 0, 5);
      }
    }
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));
let stdout: LogOutput | null = null;

/** The process's one log output on standard output (flushed every 200 ms and at exit). */
export function stdoutLog(): LogOutput {
  if (stdout) return stdout;
  const out = new LogOutput(1);
  setInterval(() => out.flush(), 200).unref();
  process.on("exit", () => out.flush());
  stdout = out;
  return out;
}

/**
 * The one log line of each request, in pino's format (the log's other lines are pino's own):
 *
 *   {"level":30,"time":…,"pid":…,"hostname":…,"reqId":…,"req":{"method","url","remoteAddress"},
 *    "res":{"statusCode"},"responseTime":…,"msg":"request completed"}
 *
 * Built as text: the URL redacted (redact.ts), every string from the client through JSON.stringify.
 */
export function requestLogLine(request: FastifyRequest, reply: FastifyReply): string {
  return `{"level":30,"time":${Date.now()},${pidAndHost},"reqId":${JSON.stringify(request.id)},"req":{"method":${JSON.stringify(request.method)},"url":${JSON.stringify(redactUrl(request.url))},"remoteAddress":${JSON.stringify(request.ip)}},"res":{"statusCode":${reply.statusCode}},"responseTime":${reply.elapsedTime},"msg":"request completed"}\n`;
}

const pidAndHost = `"pid":${process.pid},"hostname":${JSON.stringify(os.hostname())}`;
