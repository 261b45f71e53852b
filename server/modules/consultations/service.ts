import type { z } from "zod";
import type {
  ConsultationDetail,
  ConsultationSummary,
  consultationInput,
  consultationPatch,
  queueQuery,
} from "../../../shared/api/consultations.js";
import { consultationInput as inputSchema } from "../../../shared/api/consultations.js";
import { jstDate } from "../../../shared/dates/jst.js";
import { diff, recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, isPrefectureStaff, newId, nowIso } from "../../platform/context.js";
import { cachedRead } from "../../platform/db/versioned-cache.js";
import { notFound } from "../../platform/errors.js";
import { documentKinds } from "../../platform/files/types.js";
import { parseFields, type Upload } from "../../platform/files/upload.js";
import { abilities, authorize, can } from "../../platform/policy/authorize.js";
import { notify } from "../notifications/service.js";
import { isSmallOrg } from "../orgs/service.js";
import { getSettings } from "../settings/service.js";
import { engagementsFromConsultation } from "../support/service.js";
import { personContacts } from "../users/index.js";
import { clocks, noDue, refreshClock, soonUntil } from "./clock.js";
import { addAttachments, presentThread } from "./thread.js";
import "./policy.js";
import { indexConsultation } from "./indexing.js";
import { intakeOf, mailIntakeOf } from "./intake.js";
import {
  activeDeskUserIds,
  askingOrgWithPeople,
  byConsultation,
  type ConsultationWithNames,
  findConsultation,
  insertConsultation,
  mergedInto,
  pausesOf,
  queueRows,
  staffReplyBodies,
  staffWithLoad,
  updateConsultation,
} from "./repo.js";
import type { ConsultationPausesTable } from "./tables.js";

export function summarize(
  row: ConsultationWithNames,
  pauses: ConsultationPausesTable[],
  threshold: number,
  today = jstDate(),
): ConsultationSummary {
  return {
    id: row.id,
    org: {
      id: row.org_id,
      name: row.org_name,
      isSmall: isSmallOrg({ kind: row.org_kind, population: row.org_population }, threshold),
    },
    category: row.category,
    subject: row.subject,
    urgency: row.urgency,
    status: row.status,
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? "" } : null,
    createdBy: { id: row.created_by, name: row.creator_name ?? "" },
    channel: row.channel,
    asker: row.channel === "portal" ? null : { name: row.asker_name, userId: row.asker_user_id },
    mergedIntoId: row.merged_into_id,
    ...clocks(row, pauses, today),
    createdAt: row.created_at,
    lastActivityAt: row.last_activity_at,
  };
}

/** What the queue's page reads: the consultations, their organisations, the names of the people on them, and pauses. */
const queueTables = ["consultations", "orgs", "users", "consultation_pauses"];

/** The queue (staff) or the organisation's own consultations (municipal users). */
export async function listConsultations(ctx: Ctx, query: z.infer<typeof queueQuery>) {
  authorize(ctx.actor, "consultation.list");
  const today = jstDate();
  const actor = ctx.actor;
  // The page and its pauses, kept while what they read is unchanged (the filters, the actor's standing and today are the key).
  const key = JSON.stringify([query, today, actor.userId, actor.orgId, isPrefectureStaff(actor)]);
  const { rows, total, pauses } = await cachedRead(ctx, queueTables, key, async () => {
    const page = await queueRows(ctx, actor, { ...query, soonUntil: soonUntil(today) }, today);
    const pauses = await pausesOf(
      ctx,
      page.rows.map((r) => r.id),
    );
    return { ...page, pauses };
  });
  const pausesBy = byConsultation(pauses);
  const { smallMunicipalityThreshold: t } = await getSettings(ctx);
  return {
    items: rows.map((r) => summarize(r, pausesBy.get(r.id) ?? [], t, today)),
    total,
    abilities: abilities(ctx.actor, undefined, {
      canFile: "consultation.create",
      canWorkDesk: "consultation.workDesk",
      canExport: "consultation.export",
      canReport: "consultation.report",
    }),
  };
}

/** Loads a consultation the actor may see, or 404 — also for a wrong role, so existence never leaks. */
export async function visibleConsultation(ctx: Ctx, id: string): Promise<ConsultationWithNames> {
  const row = await findConsultation(ctx, id);
  if (!row || !can(ctx.actor, "consultation.read", row)) {
    if (!ctx.actor) authorize(ctx.actor, "consultation.read");
    throw notFound("相談");
  }
  return row;
}

export async function getConsultation(ctx: Ctx, id: string): Promise<ConsultationDetail> {
  const row = await visibleConsultation(ctx, id);
  const staff = isPrefectureStaff(ctx.actor);
  const askerId = row.channel === "portal" ? row.created_by : row.asker_user_id;
  const [pauses, thread, merged, settings, engagements, people] = await Promise.all([
    pausesOf(ctx, [id]),
    presentThread(ctx, id, staff),
    mergedInto(ctx, id),
    getSettings(ctx),
    engagementsFromConsultation(ctx, id),
    personContacts(ctx, [askerId, row.assignee_id]),
  ]);
  return {
    ...summarize(row, pauses, settings.smallMunicipalityThreshold),
    body: row.body,
    preferredContact: row.preferred_contact,
    contactNote: row.contact_note,
    contacts: {
      asker: people.get(askerId ?? "")?.contact ?? null,
      assignee: people.get(row.assignee_id ?? "")?.contact ?? null,
    },
    attachments: thread.attachments,
    messages: thread.messages,
    merged,
    engagements: engagements.map((e) => ({ id: e.id, theme: e.theme, status: e.status })),
    abilities: {
      canStartSupport: can(ctx.actor, "support.manage") && !row.merged_into_id && engagements.length === 0,
      canLogTime: can(ctx.actor, "support.logTime"),
      ...abilities(ctx.actor, row, {
        canNote: "consultation.note",
        canAssign: "consultation.assign",
        canChangeStatus: "consultation.changeStatus",
        canClose: "consultation.close",
        canMerge: "consultation.merge",
        canEdit: "consultation.edit",
        canMakeFaq: "consultation.makeFaq",
      }),
      canReply: can(ctx.actor, "consultation.reply", row) && row.status !== "closed",
    },
  };
}

/** Staff who should hear of a new consultation: the desk (specialists) and the secretariat. */
export const deskUserIds = (ctx: Ctx) => activeDeskUserIds(ctx);

/** The asking organisation and its people's names, for the FAQ's anonymisation (no visibility check: the caller is prefecture staff). */
export const askingOrgOf = (ctx: Ctx, id: string) => askingOrgWithPeople(ctx, id);

/** The staff replies' bodies, oldest first (for a FAQ draft). */
export const staffRepliesOf = (ctx: Ctx, id: string) => staffReplyBodies(ctx, id);

/** Active prefecture staff (admin, secretariat, specialists; by role descending, then name) with their open consultations' count. */
export const staffWithOpenConsultations = (ctx: Ctx) => staffWithLoad(ctx);

/** Files a consultation: on screen (the town's own, or staff for a town), or `byMail` from a town's user's mail to the desk (mail-in.ts). */
export async function fileConsultation(ctx: Ctx, upload: Upload, opts: { byMail?: boolean } = {}): Promise<ConsultationDetail> {
  authorize(ctx.actor, "consultation.create");
  const actor = ctx.actor;
  const id = await inTx(ctx, async (tx) => {
    const intakeByMail = opts.byMail ? mailIntakeOf(actor) : null;
    const { fields, files } = await upload.store(tx, { kinds: documentKinds });
    const input: z.infer<typeof consultationInput> = parseFields(inputSchema, fields);
    const intake = intakeByMail ?? (await intakeOf(tx, actor, input));
    const now = nowIso();
    const id = newId();
    const row = {
      id,
      org_id: intake.orgId,
      created_by: actor.userId,
      category: input.category,
      subject: input.subject,
      body: input.body,
      urgency: input.urgency,
      preferred_contact: input.preferredContact,
      contact_note: input.contactNote,
      channel: intake.channel,
      asker_name: intake.askerName,
      asker_user_id: intake.askerUserId,
      status: "new" as const,
      assignee_id: null,
      merged_into_id: null,
      first_response_at: null,
      resolved_at: null,
      closed_at: null,
      paused_since: null,
      first_response_due: null,
      resolution_due: null,
      next_due: noDue,
      last_activity_at: now,
      created_at: now,
      updated_at: now,
    };
    await insertConsultation(tx, row);
    await addAttachments(tx, id, null, files);
    await refreshClock(tx, row);
    await recordAudit(
      tx,
      "consultation.create",
      { type: "consultation", id },
      {
        category: input.category,
        subject: input.subject,
        urgency: input.urgency,
        files: files.map((f) => f.name),
        ...(intake.channel === "portal"
          ? {}
          : { orgId: intake.orgId, channel: intake.channel, askerName: intake.askerName, askerUserId: intake.askerUserId }),
      },
    );
    const thread = `consultation:${id}`;
    await notify(tx, {
      userIds: (await deskUserIds(tx)).filter((u) => u !== actor.userId),
      category: "consultation",
      title: `新しい相談：${input.subject}`,
      body: intake.onBehalf
        ? `${actor.name}さんが${intake.askerName}さんからの相談を代理で登録しました。`
        : `${actor.name}さんから${intake.channel === "mail" ? "メールで" : ""}相談が届きました。`,
      link: `/consultations/${id}`,
      thread,
    });
    // A mail to the desk gets a receipt by mail; answering the receipt adds to the same consultation.
    if (intake.channel === "mail" && !intake.onBehalf)
      await notify(tx, {
        userIds: [actor.userId],
        category: "consultation",
        title: `メールでのご相談を受け付けました：${input.subject}`,
        body: "お送りいただいたメールを相談として登録しました。経過はこの画面で確認できます。",
        link: `/consultations/${id}`,
        thread,
      });
    if (intake.askerUserId && intake.onBehalf)
      await notify(tx, {
        userIds: [intake.askerUserId],
        category: "consultation",
        title: `ご相談を受け付けました：${input.subject}`,
        body: `${actor.name}（県）がお問い合わせの内容を相談として登録しました。経過はこの画面で確認できます。`,
        link: `/consultations/${id}`,
        thread,
      });
    await indexConsultation(tx, row);
    return id;
  });
  return getConsultation(ctx, id);
}

export async function editConsultation(ctx: Ctx, id: string, patch: z.infer<typeof consultationPatch>) {
  await inTx(ctx, async (tx) => {
    const row = await visibleConsultation(tx, id);
    authorize(tx.actor, "consultation.edit", row);
    const next = { category: patch.category, urgency: patch.urgency, subject: patch.subject, body: patch.body };
    const changes = diff(row, next);
    await updateConsultation(tx, id, { ...next, updated_at: nowIso() });
    const updated = { ...row, ...Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)) };
    if (patch.urgency) await refreshClock(tx, updated);
    await recordAudit(tx, "consultation.update", { type: "consultation", id }, changes);
    await indexConsultation(tx, updated);
  });
  return getConsultation(ctx, id);
}
export { openConsultationsOf, reassignOpenConsultations } from "./handover-repo.js";
