import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSecrets, type Secrets } from "./fixture.js";
import { internalsPattern, type Schema, sample } from "./scan.js";

/**
 * Finding 8b: every write route of /api/openapi.json, its body generated from the route's schema with
 * fast-check — wrong types, huge and empty values, unknown and prototype-pollution keys — sent by the
 * council secretariat (who passes most permission checks, so the input reaches the services). Never a
 * 5xx; no stack trace, SQL or file path in any answer. The seed is fixed, so a failure replays.
 */
const seed = 20261129;
const runsPerRoute = 5;

let s: Secrets;
/** Ids of things the secretariat may change, for the second parameter of nested routes. */
const extra: Record<string, string> = {};
let spec: { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>> };
beforeAll(async () => {
  s = await buildSecrets();
  spec = (await s.env.anon.get("/api/openapi.json")).body;
  const sec = await s.env.as("secretariat@example.jp");
  const engagement = (await sec.get(`/api/support/engagements/${s.content.engagementId}`)).body;
  extra.stepId = engagement.nextSteps[0].id;
  extra.memberId = (await sec.get(`/api/bodies/${s.env.demo.bodies.wgRpa}`)).body.members[0].id;
  const second = (await sec.get(`/api/meetings/${s.content.meetings.second}`)).body;
  extra.itemId = second.agenda[0].id;
});

const hostile = fc.oneof(
  fc.constant(""),
  fc.constant(" "),
  fc.constant("x".repeat(300_000)),
  fc.constant("\u0000\u202e<script>alert(1)</script>' OR 1=1 --"),
  fc.constant(-1),
  fc.constant(1e308),
  fc.constant(Number.MAX_SAFE_INTEGER + 2),
  fc.constant(0.5),
  fc.constant(null),
  fc.constant(true),
  fc.constant([]),
  fc.constant({}),
  fc.constant("2026-02-30"),
  fc.constant("not-a-uuid"),
  fc.constant("00000000-0000-0000-0000-000000000000"),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.dictionary(fc.constantFrom("constructor", "prototype", "toString", "valueOf", "x"), fc.anything({ maxDepth: 1 }), {
    maxKeys: 3,
  }),
);

/** A body: the schema's plausible sample with some fields replaced by hostile values, dropped, or joined by strange keys. */
function bodyFor(schema: Schema | undefined): fc.Arbitrary<unknown> {
  const base = sample(schema, s.ids.abuOrg) as Record<string, unknown>;
  const keys = Object.keys(schema?.properties ?? {});
  if (typeof base !== "object" || base === null || Array.isArray(base)) return fc.oneof(fc.constant(base), hostile);
  return fc.oneof(
    hostile,
    fc
      .record({
        replace: fc.subarray(keys),
        drop: fc.subarray(Object.keys(base)),
        values: fc.array(hostile, { minLength: keys.length, maxLength: keys.length }),
        extra: fc.dictionary(fc.constantFrom("constructor", "prototype", "isAdmin", "role", "id", "org_id"), hostile, {
          maxKeys: 2,
        }),
      })
      .map(({ replace, drop, values, extra }) => {
        const out: Record<string, unknown> = { ...base, ...extra };
        for (const k of drop) delete out[k];
        replace.forEach((k, n) => {
          out[k] = values[n];
        });
        return out;
      }),
  );
}

const pollution = [
  "{}",
  '{"notAField":1}',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  "[1,2",
  "null",
  '"text"',
];

function fill(path: string): string {
  const i = s.ids;
  const c = s.content;
  const byKind: [string, string][] = [
    ["/api/consultations/", i.consultation],
    ["/api/meetings/{id}/agenda", c.meetings.second],
    ["/api/meetings/", i.rpaMeeting],
    ["/api/notices/", i.rpaNotice],
    ["/api/documents/", i.rpaDocument],
    ["/api/challenges/", i.rpaChallenge],
    ["/api/surveys/", i.survey],
    ["/api/orgs/", i.abuOrg],
    ["/api/bodies/", s.env.demo.bodies.wgRpa],
    ["/api/users/", s.env.demo.users["abu@example.jp"]!],
    ["/api/support/engagements/", c.engagementId],
    ["/api/action-items/", c.actionId],
    ["/api/faq/", c.faqId],
  ];
  const first = byKind.find(([p]) => path.startsWith(p))?.[1] ?? i.consultation;
  let n = 0;
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    n++;
    if (name === "orgId") return i.abuOrg;
    if (name === "token") return "A".repeat(43);
    if (n === 1) return first;
    if (extra[name]) return extra[name]!;
    return name === "materialId" ? i.rpaMaterial : name === "fileId" ? i.surveyFile : i.consultationFile;
  });
}

describe("fuzzed writes", () => {
  it("never answer 5xx, nor show internals", async () => {
    const sec = await s.env.as("secretariat@example.jp");
    const routes: { method: string; url: string; schema?: Schema }[] = [];
    for (const [path, ops] of Object.entries(spec.paths))
      for (const [method, op] of Object.entries(ops))
        if (["post", "put", "patch", "delete"].includes(method))
          routes.push({ method, url: fill(path), schema: op.requestBody?.content?.["application/json"]?.schema });
    // Deletions late, so the other routes still find their things; sign-in and account routes (which may
    // end the session) last.
    const rank = (r: { method: string; url: string }) => (/^\/api\/(auth|me)\b/.test(r.url) ? 2 : r.method === "delete" ? 1 : 0);
    routes.sort((a, b) => rank(a) - rank(b));
    expect(routes.length).toBeGreaterThan(100);
    const failures: string[] = [];
    let requests = 0;
    const started = performance.now();
    for (const [n, r] of routes.entries()) {
      const bodies: string[] = [
        ...fc.sample(bodyFor(r.schema), { numRuns: runsPerRoute, seed: seed + n }).map((b) => JSON.stringify(b) ?? "null"),
        ...(r.method === "delete" ? [] : pollution),
      ];
      for (const payload of bodies) {
        const res = await s.env.app.inject({
          method: r.method.toUpperCase() as "POST",
          url: r.url,
          headers: { cookie: sec.cookie, "x-csrf-token": sec.csrf, "content-type": "application/json" },
          payload: r.method === "delete" ? undefined : payload,
        });
        requests++;
        if (res.statusCode >= 500 || internalsPattern.test(res.body))
          failures.push(
            `${r.method.toUpperCase()} ${r.url} ${payload.slice(0, 120)} → ${res.statusCode} ${res.body.slice(0, 200)}`,
          );
      }
    }
    console.log(
      `security fuzz pass: ${requests} requests over ${routes.length} write routes in ${Math.round((performance.now() - started) / 1000)} s (seed ${seed}), ${failures.length} failures`,
    );
    expect(failures).toEqual([]);
  }, 300_000);
});
