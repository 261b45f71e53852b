import zlib from "node:zlib";
import type { FastifyReply, FastifyRequest } from "fastify";

/** A response body compressed once (brotli and gzip), for a large document that never changes while running. */
export interface Precompressed {
  type: string;
  raw: Buffer;
  br: Buffer;
  gzip: Buffer;
}

export function precompress(body: string, type: string): Precompressed {
  const raw = Buffer.from(body);
  return {
    type,
    raw,
    br: zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: zlib.gzipSync(raw, { level: 9 }),
  };
}

/** Sends the encoding the client accepts (brotli, else gzip, else none). */
export function sendPrecompressed(request: FastifyRequest, reply: FastifyReply, p: Precompressed) {
  const accepted = String(request.headers["accept-encoding"] ?? "");
  const encoding = /\bbr\b/.test(accepted) ? "br" : /\bgzip\b/.test(accepted) ? "gzip" : null;
  reply.type(p.type).header("vary", "accept-encoding");
  if (!encoding) return reply.send(p.raw);
  return reply.header("content-encoding", encoding).send(p[encoding]);
}
