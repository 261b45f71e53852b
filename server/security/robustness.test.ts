import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { buildApp } from "../app.js";
import { seedDemoContent } from "../modules/demo/content.js";
import { minimalPdf } from "../modules/documents/test-files.js";
import { LocalBlobStore } from "../platform/files/blob-local.js";
import { removeLeftoverUploads, storeBuffer } from "../platform/files/store.js";
import { type TestEnv, testEnv } from "../platform/testing/harness.js";

const blobPath = (ctx: { config: { dataDir: string } }, sha256: string) => new LocalBlobStore(ctx.config.dataDir).path(sha256);

/** Finding 4: empty PATCHes, leftover upload files, blobs durable before their rows. */
let env: TestEnv;
let engagementId: string;
beforeAll(async () => {
  env = await testEnv();
  engagementId = (await seedDemoContent(env.ctx, env.demo)).engagementId;
});
afterEach(() => vi.restoreAllMocks());

const auditCount = async () =>
  Number(
    (
      await env.database.db
        .selectFrom("audit_log")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("an empty PATCH", () => {
  it("is a 400 with a message, changes nothing — support next steps and body members included", async () => {
    const sec = await env.as("secretariat@example.jp");
    const engagement = (await sec.get(`/api/support/engagements/${engagementId}`)).body;
    const step = engagement.nextSteps[0];
    expect(step).toBeTruthy();
    const council = (await sec.get(`/api/bodies/${env.demo.bodies.council}`)).body;
    const member = council.members[0];
    const targets = [
      `/api/support/engagements/${engagementId}/steps/${step.id}`,
      `/api/bodies/${env.demo.bodies.council}/members/${member.id}`,
      `/api/support/engagements/${engagementId}`,
      `/api/bodies/${env.demo.bodies.council}`,
      `/api/orgs/${env.demo.orgs["阿武町"]}`,
      "/api/settings",
      "/api/me",
    ];
    const before = await auditCount();
    for (const url of targets) {
      for (const body of [{}, { notAField: 1 }, { name: undefined }]) {
        const res = await sec.patch(url, body);
        expect(res.status, `${url} ${JSON.stringify(body)}: ${res.text}`).toBe(400);
        expect(res.body.error.code).toBe("VALIDATION_FAILED");
        expect(res.body.error.message).toContain("変更する項目がありません");
      }
      // Prototype-pollution keys are refused by the JSON parser itself.
      for (const raw of ['{"__proto__": {"isAdmin": true}}', '{"constructor": {"prototype": {"isAdmin": true}}}'])
        expect((await sec.patch(url, JSON.parse(raw))).status).toBe(400);
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    }
    expect(await auditCount()).toBe(before);
    // A real change still works.
    const done = await sec.patch(`/api/support/engagements/${engagementId}/steps/${step.id}`, { done: true });
    expect(done.status, done.text).toBe(200);
  });
});

describe("a NUL character", () => {
  it("is a 400 naming the field on both engines (PostgreSQL cannot store it), in JSON and in forms", async () => {
    const sec = await env.as("secretariat@example.jp");
    const json = await sec.post("/api/consultation-templates", { title: "雛形", body: "本文\u0000続き" });
    expect(json.status, json.text).toBe(400);
    expect(json.body.error.details.issues).toEqual([{ path: "body", message: "使用できない文字が含まれています" }]);
    const patch = await sec.patch(`/api/orgs/${env.demo.orgs["阿武町"]}`, { name: "阿武\u0000町" });
    expect(patch.status).toBe(400);
    const abu = await env.as("abu@example.jp");
    const form = await abu.postForm("/api/consultations", { category: "other", subject: "件名\u0000", body: "本文" });
    expect(form.status, form.text).toBe(400);
    expect(form.body.error.details.issues[0].path).toBe("subject");
    const query = await sec.get("/api/search?q=%00%E7%A8%8E");
    expect(query.status).toBe(400);
  });
});

describe("upload files", () => {
  it("removes temporary upload files left by an earlier process at start, and keeps fresh ones", async () => {
    const dir = path.join(env.config.dataDir, "files");
    fs.mkdirSync(dir, { recursive: true });
    const old = path.join(dir, ".upload-left-by-a-crash");
    const fresh = path.join(dir, ".upload-in-progress");
    fs.writeFileSync(old, "partial");
    fs.writeFileSync(fresh, "partial");
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    fs.utimesSync(old, twoHoursAgo, twoHoursAgo);
    const app = await buildApp({ config: env.config, database: env.database });
    await app.close();
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
    expect(removeLeftoverUploads(env.config.dataDir, 0)).toBe(1);
    expect(fs.existsSync(fresh)).toBe(false);
  });

  it("fsyncs a blob and its folder before the row pointing to it is written; never leaves it half-written", async () => {
    const synced: string[] = [];
    const opened = new Map<number, string>();
    const realOpen = fs.openSync;
    vi.spyOn(fs, "openSync").mockImplementation(((p: fs.PathLike, ...rest: unknown[]) => {
      const fd = (realOpen as (...a: unknown[]) => number)(p, ...rest);
      opened.set(fd, String(p));
      return fd;
    }) as typeof fs.openSync);
    const realFsync = fs.fsyncSync;
    const events: string[] = [];
    vi.spyOn(fs, "fsyncSync").mockImplementation((fd: number) => {
      synced.push(opened.get(fd) ?? "?");
      events.push("fsync");
      realFsync(fd);
    });
    // Observes (does not replace) the database: notes when the files row is inserted.
    const db = new Proxy(env.ctx.db, {
      get(target, key) {
        if (key === "insertInto") events.push("insert");
        const v = Reflect.get(target, key);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
    const data = minimalPdf(`durable-${crypto.randomUUID()}`);
    const sha = (await import("node:crypto")).createHash("sha256").update(data).digest("hex");
    // A blob truncated by an earlier crash under its final name is replaced, not reused.
    fs.mkdirSync(path.dirname(blobPath(env.ctx, sha)), { recursive: true });
    fs.writeFileSync(blobPath(env.ctx, sha), data.subarray(0, 10));
    const stored = await storeBuffer({ ...env.ctx, db }, "durable.pdf", "application/pdf", data);
    expect(events).toEqual(["fsync", "fsync", "insert"]);
    expect(synced.some((p) => p.includes(".upload-"))).toBe(true);
    expect(synced).toContain(path.dirname(blobPath(env.ctx, sha)));
    expect(fs.readFileSync(blobPath(env.ctx, stored.sha256))).toEqual(data);
    expect(fs.readdirSync(path.join(env.config.dataDir, "files")).filter((n) => n.startsWith(".upload-"))).toEqual([]);

    // Through the HTTP upload path too.
    synced.length = 0;
    const sec = await env.as("secretariat@example.jp");
    const up = await sec.postForm("/api/documents", { area: "shared", title: "同期確認", kind: "guideline" }, [
      { name: "sync.pdf", type: "application/pdf", data: minimalPdf(`sync-${crypto.randomUUID()}`) },
    ]);
    expect(up.status, up.text).toBe(201);
    expect(synced.filter((p) => p.includes(".upload-"))).toHaveLength(1);
  });
});
