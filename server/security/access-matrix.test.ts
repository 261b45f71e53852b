import { beforeAll, describe, expect, it } from "vitest";
import { minimalPdf } from "../modules/documents/test-files.js";
import { buildSecrets, M, type Secrets } from "./fixture.js";
import { internalsPattern, responseText, type Schema, sample } from "./scan.js";

/**
 * Finding 8a: every GET route of /api/openapi.json with the ids of confidential things, as users who may
 * not see them; bodies (ZIP and XLSX unpacked) scanned for the things' markers. Then every write route on
 * those ids — none may be accepted.
 */
let s: Secrets;
let spec: { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>> };
beforeAll(async () => {
  s = await buildSecrets();
  spec = (await s.env.anon.get("/api/openapi.json")).body;
});

/** Who asks, and the markers they must never see. */
const viewers = (sec: Secrets) => [
  { email: "kaminoseki@example.jp", hidden: [M.consultation, M.note, M.rpa, M.draft, M.answer] },
  { email: "observer@example.jp", hidden: [M.consultation, M.note, M.rpa, M.draft, M.answer] },
  { email: sec.abuObserver, hidden: [M.consultation, M.note, M.draft] },
  { email: "abu@example.jp", hidden: [M.note, M.draft] },
  // Prefecture staff: 山口県 chairs every WG, so the RPA WG is theirs to see; drafts are not.
  { email: "specialist@example.jp", hidden: [M.draft] },
];

const paramsOf = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

/**
 * The ids to put in a path: the confidential things of the path's kind (every parent id where the kind is
 * not known), and for a second parameter their files, materials and the answering organisation.
 */
function candidates(path: string, param: string, first: boolean): string[] {
  const i = s.ids;
  if (param === "orgId") return [i.abuOrg];
  const kinds: [string, string[], string[]][] = [
    ["/api/consultations/", [i.consultation], [i.consultationFile, i.noteFile]],
    ["/api/meetings/", [i.rpaMeeting], [i.rpaMaterial]],
    ["/api/notices/", [i.rpaNotice, i.draftNotice], []],
    ["/api/documents/", [i.rpaDocument], []],
    ["/api/challenges/", [i.rpaChallenge], []],
    ["/api/surveys/", [i.survey], [i.surveyFile]],
  ];
  const kind = kinds.find(([prefix]) => path.startsWith(prefix));
  const parents = [i.consultation, i.rpaMeeting, i.rpaNotice, i.rpaDocument, i.rpaChallenge, i.draftNotice, i.survey];
  const children = [i.consultationFile, i.noteFile, i.rpaMaterial, i.surveyFile];
  if (first) return kind ? kind[1] : parents;
  return kind && kind[2].length > 0 ? kind[2] : children;
}

function urlsFor(path: string): string[] {
  const params = paramsOf(path);
  let urls = [path];
  params.forEach((p, n) => {
    const values = p === "token" ? [] : candidates(path, p, n === 0);
    urls = urls.flatMap((u) => values.map((v) => u.replace(`{${p}}`, v)));
  });
  return urls;
}

async function send(method: string, url: string, cookie: string, csrf: string, payload?: unknown, multipart = false) {
  const headers: Record<string, string> = { cookie, "x-csrf-token": csrf };
  let body: string | Buffer | undefined;
  if (multipart) {
    const boundary = "----renkeiMatrix";
    headers["content-type"] = `multipart/form-data; boundary=${boundary}`;
    body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      minimalPdf("matrix"),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
  } else if (payload !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(payload);
  }
  return s.env.app.inject({ method: method.toUpperCase() as "GET", url, headers, payload: body });
}

describe("access matrix", () => {
  it("leaks no confidential marker through any GET route, and accepts no write on foreign things", async () => {
    const gets = Object.keys(spec.paths).filter((p) => spec.paths[p]!.get && !p.includes("openapi"));
    expect(gets.length).toBeGreaterThan(60);
    let requests = 0;
    const started = performance.now();
    const leaks: string[] = [];
    const internals: string[] = [];
    for (const v of viewers(s)) {
      const client = await s.env.as(v.email);
      const urls = [
        ...gets.flatMap(urlsFor),
        ...Object.values(M).map((m) => `/api/search?q=${m}&limit=100`),
        ...Object.values(M).map((m) => `/api/documents?q=${m}`),
      ];
      for (const url of urls) {
        const res = await send("GET", url, client.cookie, client.csrf);
        requests++;
        expect(res.statusCode, `${v.email} GET ${url}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
        // Search repeats the words searched for: only its results count.
        const text = url.startsWith("/api/search")
          ? JSON.stringify(JSON.parse(res.body).items ?? [])
          : await responseText(res.rawPayload);
        for (const m of v.hidden) if (text.includes(m)) leaks.push(`${v.email} GET ${url} shows ${m}`);
        if (internalsPattern.test(res.body)) internals.push(`${v.email} GET ${url}: ${res.body.slice(0, 200)}`);
      }
    }

    // Writes by people who may see none of these things.
    const writes: string[] = [];
    for (const email of ["kaminoseki@example.jp", "observer@example.jp"]) {
      const client = await s.env.as(email);
      for (const [path, ops] of Object.entries(spec.paths)) {
        if (paramsOf(path).length === 0 || path.includes("{token}")) continue;
        for (const [method, op] of Object.entries(ops)) {
          if (!["post", "put", "patch", "delete"].includes(method)) continue;
          const schema = op.requestBody?.content?.["application/json"]?.schema;
          for (const url of urlsFor(path)) {
            const multipart = method === "post" && !op.requestBody;
            const res = await send(
              method,
              url,
              client.cookie,
              client.csrf,
              method === "delete" ? undefined : sample(schema, s.ids.abuOrg),
              multipart,
            );
            requests++;
            expect(res.statusCode, `${email} ${method} ${url}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
            if (res.statusCode < 300) writes.push(`${email} ${method.toUpperCase()} ${url} → ${res.statusCode}`);
            if (internalsPattern.test(res.body)) internals.push(`${email} ${method} ${url}: ${res.body.slice(0, 200)}`);
          }
        }
      }
    }
    console.log(
      `security access matrix: ${requests} requests in ${Math.round((performance.now() - started) / 1000)} s, ${leaks.length} leaks, ${writes.length} writes accepted`,
    );
    expect(leaks).toEqual([]);
    expect(writes).toEqual([]);
    expect(internals).toEqual([]);
  }, 300_000);

  it("still shows each thing to who may see it (the markers are real)", async () => {
    const abu = await s.env.as("abu@example.jp");
    const sec = await s.env.as("secretariat@example.jp");
    expect((await abu.get(`/api/consultations/${s.ids.consultation}`)).text).toContain(M.consultation);
    expect((await sec.get(`/api/consultations/${s.ids.consultation}`)).text).toContain(M.note);
    expect((await abu.get(`/api/meetings/${s.ids.rpaMeeting}`)).text).toContain(M.rpa);
    expect((await abu.get(`/api/notices/${s.ids.rpaNotice}`)).text).toContain(M.rpa);
    expect((await abu.get(`/api/documents/${s.ids.rpaDocument}`)).text).toContain(M.rpa);
    expect((await sec.get(`/api/notices/${s.ids.draftNotice}`)).text).toContain(M.draft);
    expect((await abu.get(`/api/surveys/${s.ids.survey}/answers/${s.ids.abuOrg}`)).text).toContain(M.answer);
    const note = await sec.get(`/api/consultations/${s.ids.consultation}/attachments/${s.ids.noteFile}`);
    expect(note.status).toBe(200);
    expect(note.text).toContain(M.note);
    expect((await abu.get(`/api/meetings/${s.ids.rpaMeeting}/materials/${s.ids.rpaMaterial}/file`)).status).toBe(200);
    expect((await abu.get(`/api/surveys/${s.ids.survey}/files/${s.ids.surveyFile}`)).text).toContain(M.answer);
  });
});
