import { beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../modules/demo/factories.js";
import { findEntries } from "../modules/search/repo.js";
import { buildSecrets, M, type Secrets } from "./fixture.js";

/**
 * Finding 1: search visibility equals detail visibility. For every user and every entry in the index,
 * the entry is in the user's search scope exactly when the detail route opens for them.
 */
let s: Secrets;
beforeAll(async () => {
  s = await buildSecrets();
});

const detailUrl: Record<string, (id: string) => string> = {
  consultation: (id) => `/api/consultations/${id}`,
  meeting: (id) => `/api/meetings/${id}`,
  notice: (id) => `/api/notices/${id}`,
  document: (id) => `/api/documents/${id}`,
  challenge: (id) => `/api/challenges/${id}`,
  faq: (id) => `/api/faq/${id}`,
};

describe("search scope = detail route", () => {
  it("an observer placed in a municipality finds none of its consultations, and cannot open them", async () => {
    const observer = await s.env.as(s.abuObserver);
    const found = await observer.get(`/api/search?q=${M.consultation}`);
    expect(found.status).toBe(200);
    expect(found.body.items).toEqual([]);
    expect((await observer.get(`/api/consultations/${s.ids.consultation}`)).status).toBe(404);
    const clerk = await s.env.as("abu@example.jp");
    expect((await clerk.get(`/api/search?q=${M.consultation}`)).body.items.map((i: { refId: string }) => i.refId)).toEqual([
      s.ids.consultation,
    ]);
  });

  it("holds for every entry of every kind, for users of every role", async () => {
    const entries = await s.env.database.db.selectFrom("search_entries").select(["kind", "ref_id"]).execute();
    const kinds = new Set(entries.map((e) => e.kind));
    for (const k of ["consultation", "meeting", "notice", "document", "challenge", "faq"]) expect(kinds).toContain(k);
    const users = [
      "admin@example.jp",
      "secretariat@example.jp",
      "specialist@example.jp",
      "observer@example.jp",
      s.abuObserver,
      "abu@example.jp",
      "kaminoseki@example.jp",
      "shunan@example.jp",
    ];
    let checked = 0;
    for (const email of users) {
      const actor = await actorOf(s.env.ctx, email);
      const { rows } = await findEntries(s.env.ctx, actor, { terms: [], kinds: [], limit: 10_000, offset: 0 });
      const inScope = new Set(rows.map((r) => `${r.kind}:${r.ref_id}`));
      const client = await s.env.as(email);
      for (const e of entries) {
        const status = (await client.get(detailUrl[e.kind]!(e.ref_id))).status;
        expect([200, 404], `${email} ${e.kind}`).toContain(status);
        expect(inScope.has(`${e.kind}:${e.ref_id}`), `${email} ${e.kind} ${e.ref_id}: detail ${status}`).toBe(status === 200);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});
