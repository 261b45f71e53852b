import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ical from "node-ical";
import { beforeAll, describe, expect, it } from "vitest";
import { type Client, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { unzipAll } from "../../security/scan.js";
import { heldMeeting } from "../publication/test-support.js";
import { jst, makeMeeting } from "./test-support.js";

/**
 * 委員限り inside the app: an agenda item, a material and the minutes marked "members" are seen by the body's
 * members and the secretariat only. Every read path is asked as a member and as a signed-in non-member,
 * looking for marker strings; the non-member meets a 404 (never a 403) on direct access.
 */
let env: TestEnv;
let sec: Client;
let member: Client;
let outsider: Client;
let bodyId: string;
let outsiderEmail: string;
let h: Awaited<ReturnType<typeof heldMeeting>>;
const MARK = "MEMBERSONLYZQ7";
// The texts heldMeeting writes with the mark: the 委員限り item, the 委員限り material, the item's material, the minutes.
const hidden = [`非公開議題${MARK}`, `非公開資料${MARK}`, `非公開議題の資料${MARK}`, `要旨${MARK}`, "closed.pdf", "item.pdf"];

const raw = async (c: Client, url: string) => env.app.inject({ method: "GET", url, headers: { cookie: c.cookie } });
const pdfText = (buf: Buffer) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "members-only-")), "x.pdf");
  fs.writeFileSync(file, buf);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
};
const leaks = (text: string) => hidden.filter((m) => text.includes(m));

beforeAll(async () => {
  env = await testEnv();
  sec = await env.as("secretariat@example.jp");
  // An open body with a municipal user whose organisation is on its roll, and one whose organisation is not.
  const users = await env.ctx.db.selectFrom("users").select(["email", "org_id"]).where("role", "=", "municipal").execute();
  for (const id of Object.values(env.demo.bodies)) {
    const b = await env.ctx.db.selectFrom("bodies").select("visibility").where("id", "=", id).executeTakeFirstOrThrow();
    const roll = new Set(
      (await env.ctx.db.selectFrom("body_members").select("org_id").where("body_id", "=", id).execute()).map((r) => r.org_id),
    );
    const inside = users.find((u) => roll.has(u.org_id));
    const outside = users.find((u) => !roll.has(u.org_id));
    if (b.visibility !== "all" || !inside || !outside) continue;
    bodyId = id;
    member = await env.as(inside.email);
    outsider = await env.as(outside.email);
    outsiderEmail = outside.email;
    break;
  }
  h = await heldMeeting(env, bodyId, MARK);
  const set = await sec.put(`/api/meetings/${h.id}/publication`, {
    meeting: "closed",
    minutes: "members",
    agendaItems: [{ id: h.closedItem, level: "members" }],
    materials: [{ id: h.closedMaterial, level: "members" }],
    acceptFindings: true,
  });
  expect(set.status).toBe(200);
});

describe("委員限り in the app", () => {
  it("the meeting page, its materials and minutes: the member sees them, the non-member sees none of them", async () => {
    const mine = (await member.get(`/api/meetings/${h.id}`)).body;
    expect(mine.agenda.map((a: { id: string }) => a.id)).toContain(h.closedItem);
    expect(mine.materials.map((m: { id: string }) => m.id)).toEqual(
      expect.arrayContaining([h.closedMaterial, h.itemMaterial, h.openMaterial]),
    );
    expect((await member.get(`/api/meetings/${h.id}/minutes`)).body.current.bodyMd).toContain(`要旨${MARK}`);
    expect((await sec.get(`/api/meetings/${h.id}/minutes`)).status).toBe(200);

    const theirs = await outsider.get(`/api/meetings/${h.id}`);
    expect(theirs.status).toBe(200);
    expect(leaks(JSON.stringify(theirs.body))).toEqual([]);
    expect(theirs.body.materials.map((m: { id: string }) => m.id)).toContain(h.openMaterial);
    // Labels stay those of the whole agenda: the open item's material is 資料1 for everyone.
    const label = (body: { materials: { id: string; label: string }[] }) =>
      body.materials.find((m) => m.id === h.openMaterial)?.label;
    expect(label(theirs.body)).toBe(label(mine));
  });

  it("direct access is a 404 for the non-member: files, minutes, revisions, documents, the item's history", async () => {
    const urls = [
      `/api/meetings/${h.id}/materials/${h.closedMaterial}/file`,
      `/api/meetings/${h.id}/materials/${h.itemMaterial}/file`,
      `/api/meetings/${h.id}/minutes`,
      `/api/meetings/${h.id}/minutes/revisions/1`,
      `/api/meetings/${h.id}/minutes.pdf`,
      `/api/meetings/${h.id}/minutes.docx`,
      `/api/agenda-items/${h.closedItem}/referrals`,
    ];
    for (const url of urls) {
      const res = await raw(outsider, url);
      expect({ url, status: res.statusCode }).toEqual({ url, status: 404 });
      expect(leaks(res.body)).toEqual([]);
      expect((await raw(member, url)).statusCode).toBe(200);
    }
    // The same answer as for a material that does not exist.
    const none = await raw(outsider, `/api/meetings/${h.id}/materials/00000000-0000-4000-8000-000000000000/file`);
    expect(JSON.parse(none.body).error).toEqual(JSON.parse((await raw(outsider, urls[0]!)).body).error);
  });

  it("the meeting pack and the materials ZIP leave them out for the non-member (read with pdftotext and yauzl)", async () => {
    const pack = await raw(outsider, `/api/meetings/${h.id}/pack.pdf`);
    expect(pack.statusCode).toBe(200);
    const text = pdfText(pack.rawPayload);
    expect(text).toContain(`公開資料${MARK}`);
    expect(leaks(text)).toEqual([]);
    expect(pdfText((await raw(member, `/api/meetings/${h.id}/pack.pdf`)).rawPayload)).toContain(`非公開資料${MARK}`);

    const zip = await raw(outsider, `/api/meetings/${h.id}/materials.zip`);
    const entries = await unzipAll(zip.rawPayload);
    expect(entries.length).toBeGreaterThan(0);
    expect(leaks(entries.map((e) => `${e.name}\n${e.data.toString("latin1")}`).join("\n"))).toEqual([]);
    const ics = await raw(outsider, `/api/meetings/${h.id}/meeting.ics`);
    expect(leaks(ics.body)).toEqual([]);
  });

  it("lists and search: the body space, the decisions register, the body's referrals and search find none of them", async () => {
    const space = await outsider.get(`/api/bodies/${bodyId}/space`);
    expect(leaks(JSON.stringify(space.body))).toEqual([]);
    expect(JSON.stringify((await member.get(`/api/bodies/${bodyId}/space`)).body)).toContain(`非公開資料${MARK}`);
    for (const q of [`非公開議題${MARK}`, `非公開資料${MARK}`, `要旨${MARK}`]) {
      const found = await outsider.get(`/api/search?q=${encodeURIComponent(q)}`);
      expect(found.status).toBe(200);
      expect(found.body.items).toEqual([]);
    }
    // The meeting itself is still found by what is not 委員限り.
    const open = await outsider.get(`/api/search?q=${encodeURIComponent(`副題${MARK}`)}`);
    expect(open.body.items.map((i: { refId: string }) => i.refId)).toContain(h.id);
    expect(leaks(JSON.stringify(open.body))).toEqual([]);
    const decisions = await outsider.get(`/api/decisions?q=${encodeURIComponent(MARK)}`);
    expect(leaks(JSON.stringify(decisions.body))).toEqual([]);
    const referrals = await outsider.get(`/api/bodies/${bodyId}/referrals`);
    expect(leaks(JSON.stringify(referrals.body))).toEqual([]);
  });
});

describe("a meeting that is 委員限り as a whole", () => {
  let m: Awaited<ReturnType<typeof heldMeeting>>;
  beforeAll(async () => {
    // Its minutes and items are only 非公開: the meeting's own level alone must keep them from outsiders.
    m = await heldMeeting(env, bodyId, `${MARK}W`, { outcomes: true });
    const set = await sec.put(`/api/meetings/${m.id}/publication`, {
      meeting: "members",
      minutes: "closed",
      agendaItems: [],
      materials: [],
      acceptFindings: true,
    });
    expect(set.status).toBe(200);
  });

  it("is listed and opened by the body's members and the secretariat, and does not exist for anyone else", async () => {
    const listed = async (c: Client) =>
      ((await c.get(`/api/meetings?bodyId=${bodyId}&limit=200`)).body.items as { id: string }[]).some((x) => x.id === m.id);
    expect(await listed(member)).toBe(true);
    expect(await listed(sec)).toBe(true);
    expect(await listed(outsider)).toBe(false);
    expect((await member.get(`/api/meetings/${m.id}`)).status).toBe(200);
    expect((await outsider.get(`/api/meetings/${m.id}`)).status).toBe(404);
    expect((await raw(outsider, `/api/meetings/${m.id}/meeting.ics`)).statusCode).toBe(404);
    // Nor do its materials reach the outsider through the body's space.
    const space = await outsider.get(`/api/bodies/${bodyId}/space`);
    expect(space.status).toBe(200);
    expect(space.body.materials.some((x: { meetingId: string }) => x.meetingId === m.id)).toBe(false);
    expect(
      (await member.get(`/api/bodies/${bodyId}/space`)).body.materials.some((x: { meetingId: string }) => x.meetingId === m.id),
    ).toBe(true);
  });
});

describe("a meeting 委員限り as a whole, in things linked to it", () => {
  it("its date poll and its place in the personal calendar feed are for members only", async () => {
    const planned = await makeMeeting(env, bodyId, { subtitle: `副題${MARK}P` });
    const level = { meeting: "members", minutes: "closed", agendaItems: [], materials: [], acceptFindings: true };
    expect((await sec.put(`/api/meetings/${planned.id}/publication`, level)).status).toBe(200);
    const poll = await sec.post("/api/date-polls", {
      bodyId,
      meetingId: planned.id,
      title: `日程調整${MARK}P`,
      deadline: jst(3, 17),
      candidates: [{ startsAt: jst(20, 14), endsAt: jst(20, 16) }],
    });
    expect(poll.status).toBe(201);
    const polls = async (c: Client) =>
      ((await c.get(`/api/date-polls?bodyId=${bodyId}`)).body.items as { id: string }[]).map((p) => p.id);
    expect(await polls(member)).toContain(poll.body.id);
    expect(await polls(outsider)).not.toContain(poll.body.id);
    expect((await member.get(`/api/date-polls/${poll.body.id}`)).status).toBe(200);
    expect((await outsider.get(`/api/date-polls/${poll.body.id}`)).status).toBe(404);

    // The secret calendar feed: read with node-ical, the member's has the meeting, the outsider's does not.
    const feedUids = async (c: Client) => {
      const { url } = (await c.post("/api/calendar/feed")).body as { url: string };
      const res = await env.app.inject({ method: "GET", url: new URL(url).pathname });
      expect(res.statusCode).toBe(200);
      return Object.values(ical.sync.parseICS(res.body)).flatMap((e) => (e?.type === "VEVENT" ? [String(e.uid)] : []));
    };
    expect((await feedUids(member)).some((uid) => uid.includes(planned.id))).toBe(true);
    expect((await feedUids(outsider)).some((uid) => uid.includes(planned.id))).toBe(false);
  });
});

describe("a meeting 委員限り as a whole, in the lists built from its outcomes and in search", () => {
  it("the decisions register shows its decisions to members only", async () => {
    const m = await heldMeeting(env, bodyId, `${MARK}D`, { outcomes: true });
    expect(
      (
        await sec.put(`/api/meetings/${m.id}/publication`, {
          meeting: "members",
          minutes: "closed",
          agendaItems: [],
          materials: [],
          acceptFindings: true,
        })
      ).status,
    ).toBe(200);
    const decisions = async (c: Client) =>
      (
        (await c.get(`/api/decisions?q=${encodeURIComponent(`${MARK}D`)}&limit=200`)).body.items as {
          meetingId: string;
          decision: string;
        }[]
      )
        .filter((d) => d.meetingId === m.id)
        .map((d) => d.decision)
        .sort();
    expect(await decisions(member)).toEqual([`決定${MARK}D`, `非公開決定${MARK}D`]);
    expect(await decisions(sec)).toHaveLength(2);
    expect(await decisions(outsider)).toEqual([]);
    // Found in search by its members, by nobody else.
    const hits = async (c: Client, q: string) => {
      const res = await c.get(`/api/search?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      return res.body as { items: { refId: string }[]; hasMore: boolean };
    };
    for (const q of [`副題${MARK}D`, `非公開資料${MARK}D`, `非公開決定${MARK}D`]) {
      expect((await hits(member, q)).items.map((i) => i.refId)).toEqual([m.id]);
      const theirs = await hits(outsider, q);
      expect(theirs.items).toEqual([]);
      expect(theirs.hasMore).toBe(false);
    }
  });
});

describe("search finds 委員限り things for the body's members and those who run it, and for no one else", () => {
  let x: Awaited<ReturnType<typeof heldMeeting>>;
  let personal: Client;
  let colleague: Client;
  beforeAll(async () => {
    // An open meeting with one 委員限り item (with its material and its decision) and one 委員限り material.
    x = await heldMeeting(env, bodyId, `${MARK}S`, { outcomes: true });
    const set = await sec.put(`/api/meetings/${x.id}/publication`, {
      meeting: "closed",
      minutes: "closed",
      agendaItems: [{ id: x.closedItem, level: "members" }],
      materials: [{ id: x.closedMaterial, level: "members" }],
      acceptFindings: true,
    });
    expect(set.status).toBe(200);
    // Two people of one organisation that is not on the roll: one becomes a member in person, the other stays outside.
    const roll = new Set(
      (await env.ctx.db.selectFrom("body_members").select("org_id").where("body_id", "=", bodyId).execute()).map((r) => r.org_id),
    );
    const users = await env.ctx.db
      .selectFrom("users")
      .select(["id", "email", "org_id"])
      .where("role", "=", "municipal")
      .where("status", "=", "active")
      .execute();
    const pair = users.filter((u) => !roll.has(u.org_id) && users.filter((v) => v.org_id === u.org_id).length >= 2);
    const inPerson = pair.find((u) => u.email !== outsiderEmail)!;
    const other = pair.find((u) => u.org_id === inPerson.org_id && u.id !== inPerson.id)!;
    const added = await sec.post(`/api/bodies/${bodyId}/members`, { userId: inPerson.id, position: "member" });
    expect(added.status).toBe(201);
    personal = await env.as(inPerson.email);
    colleague = await env.as(other.email);
  });

  const hits = async (c: Client, q: string) => {
    const res = await c.get(`/api/search?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    return res.body as { items: { refId: string; link: string; snippetHtml: string }[]; hasMore: boolean };
  };
  const secret = [`非公開資料${MARK}S`, `非公開議題${MARK}S`, `非公開議題の資料${MARK}S`, `非公開決定${MARK}S`];

  it("members (through their organisation or in person) and the secretariat find each 委員限り text, opening the meeting", async () => {
    for (const c of [member, personal, sec])
      for (const q of secret) {
        const found = await hits(c, q);
        expect(found.items.map((i) => i.refId)).toEqual([`${x.id}:members`]);
        expect(found.items[0]!.link).toBe(`/meetings/${x.id}`);
        expect(found.items[0]!.snippetHtml).toContain("<mark>");
      }
  });

  it("an outsider of another organisation and a non-member colleague of a member find nothing, not even a count", async () => {
    for (const c of [outsider, colleague])
      for (const q of [...secret, `${MARK}S`]) {
        const found = await hits(c, q);
        expect(found.items.filter((i) => i.refId.startsWith(x.id)).map((i) => i.refId)).toEqual(q === `${MARK}S` ? [x.id] : []);
        expect(found.hasMore).toBe(false);
        expect(JSON.stringify(found.items).includes("非公開")).toBe(false);
      }
    // The meeting's open entry still finds it by its open texts.
    expect((await hits(colleague, `公開資料${MARK}S`)).items.map((i) => i.refId)).toEqual([x.id]);
  });
});
