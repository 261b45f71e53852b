import type { TestEnv } from "../../platform/testing/harness.js";
import { makeMeeting, samplePdf, startedYesterday } from "../meetings/test-support.js";

/**
 * A held meeting with two agenda items, a material on each and a meeting-wide one, and published
 * minutes. Every text carries `mark` (so a test can look for it) and what is published is up to the caller.
 * With `outcomes`, the minutes record a decision on each item: 「決定${mark}」 and 「非公開決定${mark}」.
 */
export async function heldMeeting(env: TestEnv, bodyId: string, mark: string, opts: { outcomes?: boolean } = {}) {
  const sec = await env.as("secretariat@example.jp");
  const m = await makeMeeting(env, bodyId, { description: `説明${mark}`, subtitle: `副題${mark}` });
  const add = async (title: string) =>
    (await sec.post(`/api/meetings/${m.id}/agenda`, { title, presenter: "事務局", minutesRequested: 15 })).body.agenda.at(-1)
      .id as string;
  const openItem = await add(`公開議題${mark}`);
  const closedItem = await add(`非公開議題${mark}`);
  const upload = async (fields: Record<string, string>, name: string) => {
    const res = await sec.postForm(`/api/meetings/${m.id}/materials`, fields, [
      { name, data: await samplePdf(`${mark} ${name}`, 1) },
    ]);
    if (res.status !== 201) throw new Error(`upload: ${res.status} ${res.text}`);
    return res.body.materials.find((x: { fileName: string }) => x.fileName === name).id as string;
  };
  const openMaterial = await upload({ agendaItemId: openItem, title: `公開資料${mark}` }, "open.pdf");
  const closedMaterial = await upload({ agendaItemId: openItem, title: `非公開資料${mark}` }, "closed.pdf");
  const itemMaterial = await upload({ agendaItemId: closedItem, title: `非公開議題の資料${mark}` }, "item.pdf");
  const wideMaterial = await upload({ title: `参考資料${mark}` }, "wide.pdf");
  await sec.post(`/api/meetings/${m.id}/announce`, {});
  await startedYesterday(env, m.id);
  await sec.post(`/api/meetings/${m.id}/held`);
  await sec.put(`/api/meetings/${m.id}/minutes`, {
    bodyMd: `## 議事要旨\n\n要旨${mark}`,
    outcomes: opts.outcomes ? { [openItem]: `決定${mark}`, [closedItem]: `非公開決定${mark}` } : {},
  });
  await sec.post(`/api/meetings/${m.id}/minutes/approve`);
  await sec.post(`/api/meetings/${m.id}/minutes/publish`);
  return { id: m.id, sec, openItem, closedItem, openMaterial, closedMaterial, itemMaterial, wideMaterial };
}

/** Publishes the meeting, its open item with one of that item's materials, the meeting-wide material and the minutes. */
export async function publish(h: Awaited<ReturnType<typeof heldMeeting>>, minutes: "public" | "closed" = "public") {
  const res = await h.sec.put(`/api/meetings/${h.id}/publication`, {
    meeting: "public",
    minutes,
    agendaItems: [{ id: h.openItem, level: "public" }],
    materials: [
      { id: h.openMaterial, level: "public" },
      { id: h.wideMaterial, level: "public" },
    ],
    acceptFindings: true,
  });
  if (res.status !== 200) throw new Error(`publish: ${res.status} ${res.text}`);
  return res.body;
}
