import yauzl from "yauzl";

/** Every entry of a ZIP (meeting packs, document bundles, XLSX workbooks), unpacked to bytes. */
export function unzipAll(buf: Buffer): Promise<{ name: string; data: Buffer }[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out: { name: string; data: Buffer }[] = [];
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            out.push({ name: entry.fileName, data: Buffer.concat(chunks) });
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(out));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

/** The readable text of a response: its bytes, and when it is a ZIP (or XLSX), every entry's name and bytes. */
export async function responseText(raw: Buffer): Promise<string> {
  const parts = [raw.toString("utf8"), raw.toString("latin1")];
  if (raw.subarray(0, 2).toString("latin1") === "PK") {
    for (const e of await unzipAll(raw)) parts.push(e.name, e.data.toString("utf8"), ...(await nested(e.data)));
  }
  return parts.join("\n");
}

async function nested(data: Buffer): Promise<string[]> {
  if (data.subarray(0, 2).toString("latin1") !== "PK") return [];
  return (await unzipAll(data)).flatMap((e) => [e.name, e.data.toString("utf8")]);
}

/** What no response may show, whoever asks: a stack trace, SQL or a server file path. */
export const internalsPattern =
  /(\bat [\w.<>]+ \(|node:internal|\/work\/|\/home\/|\/tmp\/renkei|\.ts:\d+:\d+|SQLITE_|syntax error at or near|violates (?:foreign key|unique|not-null)|\bselect \S+ from\b|\binsert into\b|\bupdate \S+ set\b)/i;

export type Schema = { type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; [k: string]: unknown };

/** A small body that passes most schemas: required properties with plausible values. */
export function sample(schema: Schema | undefined, uuid: string, depth = 0): unknown {
  if (!schema || depth > 4) return {};
  if (Array.isArray(schema.anyOf)) return sample((schema.anyOf as Schema[])[0], uuid, depth + 1);
  if (Array.isArray(schema.oneOf)) return sample((schema.oneOf as Schema[])[0], uuid, depth + 1);
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const k of schema.required ?? []) out[k] = sample(schema.properties?.[k], uuid, depth + 1);
      return out;
    }
    case "array":
      return (schema.minItems as number) > 0 ? [sample(schema.items as Schema, uuid, depth + 1)] : [];
    case "integer":
    case "number":
      return (schema.minimum as number) ?? 1;
    case "boolean":
      return true;
    case "string":
      if (schema.format === "uuid") return uuid;
      if (schema.format === "date-time") return new Date(Date.now() + 86400_000).toISOString();
      if (schema.format === "date") return "2026-04-01";
      if (schema.format === "email") return "matrix@example.jp";
      if (schema.format === "uri") return "https://example.jp/";
      return "matrix";
    default:
      return {};
  }
}
