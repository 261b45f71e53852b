import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import yauzl from "yauzl";
import { type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { makeMeeting } from "../meetings/test-support.js";
import { siteExport } from "./export.js";
import { heldMeeting, publish } from "./test-support.js";

/**
 * The leak test: everything not public carries a marker string; the whole public site is crawled from
 * /public/ (every link followed) and the static export unpacked, and no marker may appear in any page,
 * data file or material — nor any closed material's bytes.
 */
let env: TestEnv;
const markers: string[] = [];
const closedBlobs = new Set<string>();
/** Checked in the progress open data only (a programme may share words with a body's name). */
const programmeNames: string[] = [];
const markersFor = (path: string) => (path.endsWith("progress.csv") ? [...markers, ...programmeNames] : markers);

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

async function blobOf(materialId: string) {
  const row = await env.ctx.db
    .selectFrom("meeting_materials as m")
    .innerJoin("material_versions as v", (j) =>
      j.onRef("v.material_id", "=", "m.id").onRef("v.version", "=", "m.current_version"),
    )
    .innerJoin("files as f", "f.id", "v.file_id")
    .select("f.sha256")
    .where("m.id", "=", materialId)
    .executeTakeFirstOrThrow();
  return row.sha256;
}

beforeAll(async () => {
  env = await testEnv();
  const sec = await env.as("secretariat@example.jp");
  // A published meeting whose closed parts carry the marker.
  const open = await heldMeeting(env, env.demo.bodies.council, "LEAKPART");
  await publish(open, "closed");
  markers.push("非公開議題LEAKPART", "非公開資料LEAKPART", "非公開議題の資料LEAKPART", "要旨LEAKPART");
  for (const id of [open.closedMaterial, open.itemMaterial]) closedBlobs.add(await blobOf(id));
  // A material forced to 公開 under a closed agenda item (bypassing the API's refusal) stays off the site.
  await env.ctx.db.updateTable("meeting_materials").set({ disclosure: "public" }).where("id", "=", open.itemMaterial).execute();

  // A meeting never published.
  const closed = await heldMeeting(env, env.demo.bodies.council, "LEAKCLOSED");
  markers.push("LEAKCLOSED");
  for (const id of [closed.openMaterial, closed.wideMaterial]) closedBlobs.add(await blobOf(id));

  // A members-only body and its meeting marked 公開 in the database: the body's visibility wins.
  const body = await sec.post("/api/bodies", {
    kind: "working_group",
    parentId: env.demo.bodies.council,
    name: "委員限りWG LEAKBODY",
    description: "LEAKBODY の説明",
    visibility: "members",
  });
  expect(body.status).toBe(201);
  markers.push("LEAKBODY");
  const hidden = await heldMeeting(env, body.body.id, "LEAKMEMBERS");
  await env.ctx.db
    .updateTable("meetings")
    .set({ disclosure: "public", minutes_disclosure: "public" })
    .where("id", "=", hidden.id)
    .execute();
  await env.ctx.db.updateTable("agenda_items").set({ disclosure: "public" }).where("meeting_id", "=", hidden.id).execute();
  await env.ctx.db.updateTable("meeting_materials").set({ disclosure: "public" }).where("meeting_id", "=", hidden.id).execute();
  markers.push("LEAKMEMBERS", "RPA等共同利用WG");
  closedBlobs.add(await blobOf(hidden.openMaterial));

  // A meeting 委員限り as a whole, its parts and minutes forced to 公開 in the database: the meeting's level wins.
  const whole = await heldMeeting(env, env.demo.bodies.council, "LEAKWHOLE");
  const level = { meeting: "members", minutes: "members", agendaItems: [], materials: [], acceptFindings: true };
  expect((await sec.put(`/api/meetings/${whole.id}/publication`, level)).status).toBe(200);
  await env.ctx.db.updateTable("meetings").set({ minutes_disclosure: "public" }).where("id", "=", whole.id).execute();
  await env.ctx.db.updateTable("agenda_items").set({ disclosure: "public" }).where("meeting_id", "=", whole.id).execute();
  await env.ctx.db.updateTable("meeting_materials").set({ disclosure: "public" }).where("meeting_id", "=", whole.id).execute();
  markers.push("LEAKWHOLE");
  closedBlobs.add(await blobOf(whole.wideMaterial));

  // A draft and a cancelled meeting marked 公開 in the database.
  const draft = await makeMeeting(env, env.demo.bodies.council, { subtitle: "LEAKDRAFT" });
  const cancelled = await makeMeeting(env, env.demo.bodies.council, { subtitle: "LEAKCANCEL" });
  await sec.post(`/api/meetings/${cancelled.id}/cancel`, { reason: "LEAKCANCEL" });
  await env.ctx.db.updateTable("meetings").set({ disclosure: "public" }).where("id", "in", [draft.id, cancelled.id]).execute();
  markers.push("LEAKDRAFT", "LEAKCANCEL");

  // People and private contact data never appear; programmes not marked 公開 stay out of the open data.
  markers.push("secretariat@example.jp", "阿武 由美", "meet.example.jp");
  const programmes = await env.ctx.db.selectFrom("progress_programmes").select("name").execute();
  programmeNames.push(...programmes.map((p) => p.name));
});

function linksOf(htmlText: string, from: string): string[] {
  return [...htmlText.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => new URL(m[1]!.replaceAll("&amp;", "&"), from).href);
}

describe("the public site leaks nothing that is not 公開", () => {
  it("crawling every link from /public/ finds no marker, and every link answers", async () => {
    const start = "http://site.test/public/";
    const seen = new Set<string>([start]);
    const queue = [start];
    const texts: { url: string; text: string }[] = [];
    const blobs: string[] = [];
    while (queue.length) {
      const url = queue.shift()!;
      const res = await env.app.inject({ url: new URL(url).pathname });
      expect(res.statusCode, url).toBe(200);
      const type = String(res.headers["content-type"]);
      if (type.startsWith("text/")) {
        texts.push({ url, text: res.body });
        if (type.startsWith("text/html"))
          for (const link of linksOf(res.body, url)) {
            if (!link.startsWith("http://site.test/public/") || seen.has(link)) continue;
            seen.add(link);
            queue.push(link);
          }
      } else blobs.push(sha(res.rawPayload));
    }
    // The crawl reached the pages that are public: the council, a meeting, its material, the open data.
    expect(texts.some((t) => t.text.includes("公開議題LEAKPART"))).toBe(true);
    expect(texts.some((t) => t.url.endsWith("opendata/meetings.csv"))).toBe(true);
    expect(blobs.length).toBe(2);
    for (const { url, text } of texts)
      for (const marker of markersFor(url)) expect(text.includes(marker), `${marker} in ${url}`).toBe(false);
    for (const b of blobs) expect(closedBlobs.has(b)).toBe(false);
  });

  it("the static export holds the same public pages, every relative link resolves inside it, and no marker", async () => {
    const { stream } = await siteExport(env.ctx);
    const chunks: Buffer[] = [];
    for await (const c of stream as AsyncIterable<Buffer>) chunks.push(c);
    const entries = await unzip(Buffer.concat(chunks));
    const names = [...entries.keys()];
    expect(names.some((n) => n.endsWith("/index.html"))).toBe(true);
    const root = names[0]!.split("/")[0]!;
    let materials = 0;
    for (const [name, data] of entries) {
      if (!/\.(html|css|csv)$/.test(name)) {
        materials++;
        expect(closedBlobs.has(sha(data))).toBe(false);
        continue;
      }
      const text = data.toString("utf8");
      for (const marker of markersFor(name)) expect(text.includes(marker), `${marker} in ${name}`).toBe(false);
      if (name.endsWith(".html"))
        for (const link of linksOf(text, `http://zip.test/${name}`)) {
          const target = decodeURIComponent(new URL(link).pathname.slice(1));
          expect(entries.has(target), `${name} links to ${target}`).toBe(true);
        }
      expect(name.startsWith(`${root}/`)).toBe(true);
    }
    expect(materials).toBe(2);
  });
});

function unzip(buf: Buffer) {
  return new Promise<Map<string, Buffer>>((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out = new Map<string, Buffer>();
      zip.on("entry", (e: yauzl.Entry) =>
        zip.openReadStream(e, (err2, s) => {
          if (err2 || !s) return reject(err2);
          const parts: Buffer[] = [];
          s.on("data", (d: Buffer) => parts.push(d));
          s.on("end", () => {
            out.set(e.fileName, Buffer.concat(parts));
            zip.readEntry();
          });
        }),
      );
      zip.on("end", () => resolve(out));
      zip.readEntry();
    });
  });
}
