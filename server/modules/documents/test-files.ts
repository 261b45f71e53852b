import fs from "node:fs";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument } from "pdf-lib";
import yazl from "yazl";

/** Real files for tests and the benchmark: a Japanese PDF drawn with the bundled font, Office-like zips. */
const fontPath = "node_modules/@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf";

export async function japanesePdf(lines: string[]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(fs.readFileSync(fontPath), { subset: true });
  const page = doc.addPage([595, 842]);
  for (const [i, line] of lines.entries()) page.drawText(line, { x: 50, y: 780 - i * 24, size: 14, font });
  return Buffer.from(await doc.save());
}

export function officeZip(files: Record<string, string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(files)) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on("error", reject);
  });
}

export interface UploadPart {
  name: string;
  filename: string;
  content: Buffer | string;
  type?: string;
}

/** A hand-built multipart/form-data body, as a browser sends it. */
export function multipartBody(fields: Record<string, string>, files: UploadPart[]) {
  const boundary = `----renkei${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: ${f.type ?? "application/octet-stream"}\r\n\r\n`,
      ),
      Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content),
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Posts a multipart form through the app as a signed-in client (cookie + CSRF token). */
export async function upload(
  app: { inject: (o: any) => Promise<{ statusCode: number; json: () => any; body: string }> },
  client: { cookie: string; csrf: string },
  url: string,
  fields: Record<string, string>,
  files: UploadPart[],
  method = "POST",
) {
  const { payload, contentType } = multipartBody(fields, files);
  const res = await app.inject({
    method,
    url,
    headers: { cookie: client.cookie, "x-csrf-token": client.csrf, "content-type": contentType },
    payload,
  });
  let body: any = null;
  try {
    body = res.json();
  } catch {}
  return { status: res.statusCode, body, text: res.body };
}
