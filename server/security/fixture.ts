import { expect } from "vitest";
import { type DemoContent, seedDemoContent } from "../modules/demo/content.js";
import { makeUser } from "../modules/demo/factories.js";
import { minimalPdf } from "../modules/documents/test-files.js";
import { hashPassword } from "../platform/auth/passwords.js";
import { DEMO_PASSWORD, type Res, type TestEnv, testEnv } from "../platform/testing/harness.js";

/**
 * The confidential things the security suite tries to reach, each carrying a marker string that must
 * never appear in a response to someone who may not see it. 阿武町 files a consultation (with an
 * attachment) and the desk writes an internal note with its own attachment; the members-only
 * RPA WG (阿武町 is in, 上関町 is not) has a meeting with a material, a notice, a document and a
 * challenge; the secretariat keeps a draft notice; 阿武町 answers the demo survey with a file.
 */
export interface Secrets {
  env: TestEnv;
  content: DemoContent;
  /** An observer user placed in 阿武町 (not a municipal clerk). */
  abuObserver: string;
  ids: {
    consultation: string;
    consultationFile: string;
    noteFile: string;
    rpaMeeting: string;
    rpaMaterial: string;
    rpaNotice: string;
    rpaDocument: string;
    rpaChallenge: string;
    draftNotice: string;
    survey: string;
    abuOrg: string;
    surveyFile: string;
  };
  /** Marker → who may see it: a string in every confidential thing's title or text. */
  markers: { org: string[]; staff: string[]; rpa: string[]; draft: string[] };
}

export const M = {
  consultation: "MKCONSULT7Q",
  note: "MKNOTE7Q",
  rpa: "MKRPAWG7Q",
  draft: "MKDRAFT7Q",
  answer: "MKANSWER7Q",
};

const ok = (res: Res, what: string) => {
  expect(res.status, `${what}: ${res.text.slice(0, 300)}`).toBeLessThan(300);
  return res;
};

export async function buildSecrets(): Promise<Secrets> {
  const env = await testEnv({ UPLOAD_MAX_MB: "2" });
  const content = await seedDemoContent(env.ctx, env.demo);
  const abuOrg = env.demo.orgs["阿武町"]!;
  const observerEmail = "abu-observer@example.jp";
  await makeUser(env.ctx, {
    email: observerEmail,
    name: "阿武町 オブザーバー",
    role: "observer",
    orgId: abuOrg,
    passwordHash: await hashPassword(DEMO_PASSWORD, 1024),
  });
  const abu = await env.as("abu@example.jp");
  const sec = await env.as("secretariat@example.jp");
  const rpa = env.demo.bodies.wgRpa;

  const filed = ok(
    await abu.postForm(
      "/api/consultations",
      { category: "other", subject: `住基の件 ${M.consultation}`, body: `本文 ${M.consultation}` },
      [{ name: `${M.consultation}.pdf`, type: "application/pdf", data: minimalPdf(M.consultation) }],
    ),
    "consultation",
  ).body;
  const noted = ok(
    await sec.postForm(`/api/consultations/${filed.id}/messages`, { kind: "note", body: `内部メモ ${M.note}` }, [
      { name: `${M.note}.pdf`, type: "application/pdf", data: minimalPdf(M.note) },
    ]),
    "note",
  ).body;
  const attachments = JSON.stringify(noted);
  const fileIds = [...attachments.matchAll(/"id":"([0-9a-f-]{36})","name":"(MK[A-Z0-9]+)\.pdf"/g)];
  const fileOf = (marker: string) => fileIds.find((m) => m[2] === marker)?.[1];

  const starts = new Date(Date.now() + 20 * 86400_000);
  const meeting = ok(
    await sec.post("/api/meetings", {
      bodyId: rpa,
      kind: "online",
      startsAt: starts.toISOString(),
      endsAt: new Date(starts.getTime() + 3600_000).toISOString(),
      place: `オンライン ${M.rpa}`,
      description: `RPA共同調達 ${M.rpa}`,
    }),
    "meeting",
  ).body;
  ok(await sec.post(`/api/meetings/${meeting.id}/announce`), "announce");
  const withMaterial = ok(
    await sec.postForm(`/api/meetings/${meeting.id}/materials`, {}, [
      { name: `資料_${M.rpa}.pdf`, type: "application/pdf", data: minimalPdf(M.rpa) },
    ]),
    "material",
  ).body;
  const notice = ok(
    await sec.post("/api/notices", { category: "council", title: `RPAのお知らせ ${M.rpa}`, bodyMd: M.rpa, bodyId: rpa }),
    "rpa notice",
  ).body;
  ok(await sec.post(`/api/notices/${notice.id}/publish`, {}), "publish");
  const draft = ok(
    await sec.post("/api/notices", { category: "council", title: `下書き ${M.draft}`, bodyMd: M.draft }),
    "draft notice",
  ).body;
  const doc = ok(
    await sec.postForm("/api/documents", { area: rpa, title: `RPA仕様書 ${M.rpa}`, kind: "guideline" }, [
      { name: `RPA_${M.rpa}.pdf`, type: "application/pdf", data: minimalPdf(M.rpa) },
    ]),
    "document",
  ).body;
  const challenge = ok(
    await abu.post("/api/challenges", { title: `RPAの課題 ${M.rpa}`, description: M.rpa, theme: "RPA", bodyId: rpa }),
    "challenge",
  ).body;

  const answerUrl = `/api/surveys/${content.surveyId}/answers/${abuOrg}`;
  const upload = ok(
    await abu.postForm(`${answerUrl}/files`, {}, [
      { name: `${M.answer}.pdf`, type: "application/pdf", data: minimalPdf(M.answer) },
    ]),
    "survey file",
  ).body;
  const current = (await abu.get(answerUrl)).body;
  ok(
    await abu.put(answerUrl, {
      version: current.version,
      data: { ...current.data, dept: `総務課 ${M.answer}`, plan: [upload.items[0].id] },
    }),
    "survey answer",
  );

  return {
    env,
    content,
    abuObserver: observerEmail,
    ids: {
      consultation: filed.id,
      consultationFile: fileOf(M.consultation)!,
      noteFile: fileOf(M.note)!,
      rpaMeeting: meeting.id,
      rpaMaterial: withMaterial.materials?.[0]?.id ?? JSON.stringify(withMaterial).match(/"materialId":"([0-9a-f-]{36})"/)?.[1],
      rpaNotice: notice.id,
      rpaDocument: doc.id,
      rpaChallenge: challenge.id,
      draftNotice: draft.id,
      survey: content.surveyId,
      abuOrg,
      surveyFile: upload.items[0].id,
    },
    markers: { org: [M.consultation], staff: [M.note], rpa: [M.rpa], draft: [M.draft] },
  };
}
