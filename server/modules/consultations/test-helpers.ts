import type { Client, Res, TestEnv } from "../../platform/testing/harness.js";

export interface UploadFile {
  field?: string;
  name: string;
  type: string;
  data: Buffer;
}

/** A hand-built multipart/form-data body (the test harness client sends JSON only). */
export function multipartBody(fields: Record<string, string>, files: UploadFile[]) {
  const boundary = `----renkei${crypto.randomUUID().replaceAll("-", "")}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? "files"}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
    );
    parts.push(f.data, Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Posts a multipart form as a signed-in client (cookie and CSRF token), or signed out when client is null. */
export async function postForm(
  env: TestEnv,
  client: Client | null,
  url: string,
  fields: Record<string, string>,
  files: UploadFile[],
): Promise<Res> {
  const { payload, contentType } = multipartBody(fields, files);
  const res = await env.app.inject({
    method: "POST",
    url,
    payload,
    headers: { "content-type": contentType, ...(client ? { cookie: client.cookie, "x-csrf-token": client.csrf } : {}) },
  });
  let body: unknown = null;
  try {
    body = res.json();
  } catch {}
  return { status: res.statusCode, body, text: res.body, headers: res.headers };
}

/** A small valid PDF (file-type detects it by its header). */
export const pdfBytes = (text = "fit and gap") =>
  Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`);
