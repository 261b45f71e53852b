import type { Disclosure, PublicationInput, PublicationPreview, PublicationState } from "../../../shared/api/publication.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, nowIso } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { authorize, can } from "../../platform/policy/authorize.js";
import { renderMarkdown } from "../../platform/text/markdown.js";
import { findIdentifyingIn, personForms } from "../faq/index.js";
import {
  agendaNumbers,
  indexMeeting,
  latestPublishedMinutes,
  listAgendaRows,
  listMaterialRows,
  meetingName,
  updateAgendaRow,
  updateMaterialRow,
  updateMeetingRow,
  visibleMeeting,
} from "../meetings/index.js";
import { listUserNames } from "../users/index.js";
import "./policy.js";
import { checkLevels, type Levels } from "./rules.js";
import { materialLabelsOf, whenText } from "./site-data.js";

const lv = (x: { disclosure?: Disclosure }): Disclosure => x.disclosure ?? "closed";

async function load(ctx: Ctx, meetingId: string) {
  const loaded = await visibleMeeting(ctx, meetingId);
  authorize(ctx.actor, "meeting.publish", loaded.subject);
  const agenda = await listAgendaRows(ctx, meetingId);
  const materials = await listMaterialRows(ctx, meetingId);
  return { loaded, agenda, materials };
}
type Loaded = Awaited<ReturnType<typeof load>>;

export async function getPublication(ctx: Ctx, meetingId: string): Promise<PublicationState> {
  const { loaded, agenda, materials } = await load(ctx, meetingId);
  const { row, body } = loaded;
  const { number } = agendaNumbers(agenda);
  const labels = materialLabelsOf(agenda, materials);
  const minutes = await latestPublishedMinutes(ctx, meetingId);
  return {
    meetingId,
    meetingName: meetingName(row, body.name),
    bodyPublic: body.visibility === "all",
    meeting: lv(row),
    minutes: row.minutes_disclosure ?? "closed",
    agendaItems: agenda
      .filter((a) => a.status !== "withdrawn")
      .map((a) => ({ id: a.id, number: number.get(a.id) ?? null, title: a.title, status: a.status, level: lv(a) })),
    materials: materials.map((m) => ({
      id: m.id,
      agendaItemId: m.agenda_item_id,
      label: labels.get(m.id) ?? "",
      title: m.title,
      fileName: m.file_name,
      level: lv(m),
    })),
    publishedMinutesRevision: minutes?.revision ?? null,
    publicPath: `/public/meetings/${meetingId}.html`,
    abilities: { canPublish: can(ctx.actor, "meeting.publish", loaded.subject) },
  };
}

/** The levels asked for over the current ones; an id that is not the meeting's is refused. */
function wanted(l: Loaded, input: PublicationInput): Levels {
  const items = new Map(l.agenda.map((a) => [a.id, lv(a)]));
  const materials = new Map(l.materials.map((m) => [m.id, lv(m)]));
  const unknown: { path: string; message: string }[] = [];
  for (const e of input.agendaItems)
    items.has(e.id)
      ? items.set(e.id, e.level)
      : unknown.push({ path: `agendaItems.${e.id}`, message: "この会議の議題ではありません" });
  for (const e of input.materials)
    materials.has(e.id)
      ? materials.set(e.id, e.level)
      : unknown.push({ path: `materials.${e.id}`, message: "この会議の資料ではありません" });
  if (unknown.length)
    throw new AppError("VALIDATION_FAILED", "この会議にない議題・資料が指定されています。", { issues: unknown });
  const want = { meeting: input.meeting, minutes: input.minutes, items, materials };
  checkLevels(l.loaded.row, l.loaded.body, l.agenda, l.materials, want);
  return want;
}

/** Exactly what the public page would show with these levels, and what the anonymisation check finds in it. */
async function previewOf(ctx: Ctx, l: Loaded, want: Levels): Promise<PublicationPreview> {
  const { row, body } = l.loaded;
  const isPublic = want.meeting === "public";
  const { number } = agendaNumbers(l.agenda);
  const labels = materialLabelsOf(l.agenda, l.materials);
  const agenda = isPublic
    ? l.agenda
        .filter((a) => a.status === "accepted" && want.items.get(a.id) === "public")
        .sort((a, b) => (number.get(a.id) ?? 0) - (number.get(b.id) ?? 0))
    : [];
  const materials = isPublic ? l.materials.filter((m) => want.materials.get(m.id) === "public") : [];
  const minutes = isPublic && want.minutes === "public" ? await latestPublishedMinutes(ctx, row.id) : undefined;
  const name = meetingName(row, body.name);
  const texts = isPublic
    ? [
        { where: "会議名", text: name },
        { where: "会議の説明", text: row.description },
        { where: "会場", text: row.place },
        ...agenda.map((a) => ({ where: `議題「${a.title}」`, text: `${a.title}\n${a.presenter}` })),
        ...materials.map((m) => ({ where: `資料「${m.title}」`, text: `${m.title}\n${m.file_name}` })),
        ...(minutes ? [{ where: "議事要旨", text: minutes.body_md }] : []),
      ]
    : [];
  const terms = { orgNames: [], orgPlaceholder: "", personNames: personForms(await listUserNames(ctx)) };
  return {
    public: isPublic,
    meetingName: name,
    bodyName: body.name,
    when: whenText(row),
    place: row.kind === "online" ? "オンライン" : row.place,
    description: row.description,
    agenda: agenda.map((a) => ({ number: number.get(a.id) ?? null, title: a.title, presenter: a.presenter })),
    materials: materials.map((m) => ({
      label: labels.get(m.id) ?? "",
      title: m.title,
      fileName: m.file_name,
      size: m.file_size,
    })),
    minutesHtml: minutes ? renderMarkdown(minutes.body_md) : null,
    findings: findIdentifyingIn(texts, terms),
  };
}

export async function previewPublication(ctx: Ctx, meetingId: string, input: PublicationInput): Promise<PublicationPreview> {
  const l = await load(ctx, meetingId);
  return previewOf(ctx, l, wanted(l, input));
}

/**
 * Sets the levels in one transaction. When the anonymisation check finds something in what would
 * become public, the secretariat must have read the preview and say so (acceptFindings).
 */
export async function applyPublication(
  ctx: Ctx,
  meetingId: string,
  input: PublicationInput & { acceptFindings: boolean },
): Promise<PublicationState> {
  return inTx(ctx, async (tx) => {
    const l = await load(tx, meetingId);
    const want = wanted(l, input);
    const preview = await previewOf(tx, l, want);
    if (preview.findings.length && !input.acceptFindings)
      throw new AppError(
        "CONFLICT",
        `公開される文章に個人名・連絡先と思われる語句が${preview.findings.length}件あります。プレビューで確認してから公開してください。`,
        { findings: preview.findings },
      );
    const changes = await writeLevels(tx, l, want);
    if (changes.length === 0) throw new AppError("VALIDATION_FAILED", "公開区分は変わっていません。");
    // 委員限り items, materials and minutes leave the meeting's search entry (and come back when no longer so).
    await indexMeeting(tx, await visibleMeeting(tx, meetingId));
    await recordAudit(
      tx,
      "meeting.publication.update",
      { type: "meeting", id: meetingId },
      {
        changes,
        findingsAccepted: preview.findings.length,
      },
    );
    return getPublication(tx, meetingId);
  });
}

async function writeLevels(ctx: Ctx, l: Loaded, want: Levels) {
  const { row } = l.loaded;
  const changes: { what: string; id: string; from: Disclosure; to: Disclosure }[] = [];
  const now = nowIso();
  const meetingPatch: { disclosure?: Disclosure; minutes_disclosure?: Disclosure } = {};
  if (lv(row) !== want.meeting) {
    meetingPatch.disclosure = want.meeting;
    changes.push({ what: "meeting", id: row.id, from: lv(row), to: want.meeting });
  }
  const minutesNow = row.minutes_disclosure ?? "closed";
  if (minutesNow !== want.minutes) {
    meetingPatch.minutes_disclosure = want.minutes;
    changes.push({ what: "minutes", id: row.id, from: minutesNow, to: want.minutes });
  }
  if (Object.keys(meetingPatch).length) await updateMeetingRow(ctx, row.id, { ...meetingPatch, updated_at: now });
  for (const a of l.agenda) {
    const to = want.items.get(a.id)!;
    if (lv(a) === to) continue;
    await updateAgendaRow(ctx, a.id, { disclosure: to, updated_at: now });
    changes.push({ what: "agendaItem", id: a.id, from: lv(a), to });
  }
  for (const m of l.materials) {
    const to = want.materials.get(m.id)!;
    if (lv(m) === to) continue;
    await updateMaterialRow(ctx, m.id, { disclosure: to, updated_at: now });
    changes.push({ what: "material", id: m.id, from: lv(m), to });
  }
  return changes;
}
