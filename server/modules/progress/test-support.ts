import type { Client, Res, TestEnv } from "../../platform/testing/harness.js";

/** Sends a hand-built multipart body (one file plus text fields) with the client's session and CSRF token. */
export async function postMultipart(
  env: TestEnv,
  client: Client,
  url: string,
  file: { name: string; type: string; data: Buffer | string },
  fields: Record<string, string> = {},
): Promise<Res> {
  const boundary = `----renkei${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`,
    ),
    Buffer.isBuffer(file.data) ? file.data : Buffer.from(file.data),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  const res = await env.app.inject({
    method: "POST",
    url,
    headers: {
      cookie: client.cookie,
      ...(client.csrf ? { "x-csrf-token": client.csrf } : {}),
      "content-type": `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat(parts),
  });
  let body: unknown = null;
  try {
    body = res.json();
  } catch {}
  return { status: res.statusCode, body, text: res.body, headers: res.headers };
}

/** Ids of the seeded definitions, looked up by code. */
export async function progressIds(env: TestEnv) {
  const db = env.database.db;
  const prog = async (code: string) =>
    (await db.selectFrom("progress_programmes").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
  const item = async (programmeCode: string, code: string) =>
    (
      await db
        .selectFrom("progress_items as i")
        .innerJoin("progress_programmes as p", "p.id", "i.programme_id")
        .select("i.id")
        .where("p.code", "=", programmeCode)
        .where("i.code", "=", code)
        .executeTakeFirstOrThrow()
    ).id;
  const steps = async (itemId: string) =>
    (await db.selectFrom("progress_steps").select("id").where("item_id", "=", itemId).orderBy("sort_order").execute()).map(
      (s) => s.id,
    );
  return { prog, item, steps };
}
