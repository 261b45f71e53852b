import fc from "fast-check";
import type { Ctx } from "../../platform/context.js";
import type { Client, Res, TestEnv } from "../../platform/testing/harness.js";
import { actorOf } from "../demo/factories.js";
import { applyProgressUpdates } from "./service.js";

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

/**
 * The demo's online-procedures programme: its items in order, each one's channel step (the first), the
 * municipalities (cities, towns and villages, by code) and a context acting as the secretariat.
 */
export async function onlineProgramme(env: TestEnv) {
  const ids = await progressIds(env);
  const db = env.database.db;
  const programmeId = await ids.prog("online-procedures");
  const items = (
    await db.selectFrom("progress_items").select("id").where("programme_id", "=", programmeId).orderBy("sort_order").execute()
  ).map((i) => i.id);
  const stepOf = new Map<string, string>();
  for (const item of items) stepOf.set(item, (await ids.steps(item))[0]!);
  const municipalities = (
    await db.selectFrom("orgs").select("id").where("kind", "in", ["city", "town", "village"]).orderBy("lg_code").execute()
  ).map((o) => o.id);
  const ctx: Ctx = { ...env.ctx, actor: await actorOf(env.ctx, "secretariat@example.jp") };
  /** A random change of one procedure's channel step in one of the first `orgs` municipalities. */
  const channelEdit = (orgs: number) =>
    fc.record({
      org: fc.nat({ max: orgs - 1 }),
      item: fc.nat({ max: items.length - 1 }),
      status: fc.constantFrom("not_started", "in_progress", "done", "not_applicable" as const),
      option: fc.constantFrom("マイナポータル", "その他の電子申請", null),
    });
  /** Writes such changes of `orgIds` in one batch, the last one per record (the option only with 完了). */
  const applyChannelEdits = (orgIds: string[], edits: ChannelEdit[]) => {
    const last = new Map(edits.map((e) => [`${e.org}|${e.item}`, e]));
    return applyProgressUpdates(
      ctx,
      [...last.values()].map((e) => ({
        orgId: orgIds[e.org]!,
        itemId: items[e.item]!,
        steps: [{ stepId: stepOf.get(items[e.item]!)!, status: e.status, ...(e.status === "done" ? { option: e.option } : {}) }],
      })),
      { source: "manual" },
    );
  };
  return { programmeId, items, stepOf, municipalities, ctx, channelEdit, applyChannelEdits };
}

interface ChannelEdit {
  org: number;
  item: number;
  status: "not_started" | "in_progress" | "done" | "not_applicable";
  option: string | null;
}
