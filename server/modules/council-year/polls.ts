import type { z } from "zod";
import type {
  PollChoice,
  PollDetail,
  PollSummary,
  pollAnswerInput,
  pollDecideInput,
  pollInput,
  pollQuery,
} from "../../../shared/api/date-polls.js";
import { jstClock, warekiDateTime } from "../../../shared/dates/format.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { conflict, invalid, notFound } from "../../platform/errors.js";
import { authorize, can } from "../../platform/policy/authorize.js";
import { visibleBody } from "../bodies/service.js";
import { createMeeting, seesMeetings, updateMeeting, visibleBodies, visibleMeeting } from "../meetings/index.js";
import { notify } from "../notifications/service.js";
import {
  type CandidateRow,
  findPollRow,
  insertPoll,
  listCandidateRows,
  listPollRows,
  listResponseRows,
  type PollRow,
  type ResponseRow,
  updatePollRow,
  upsertResponse,
} from "./polls-repo.js";
import "./policy.js";

type Standing = NonNullable<ReturnType<Awaited<ReturnType<typeof visibleBodies>>["get"]>>;

/** The organisations asked: every organisation on the body's roll (members and observers), in roll order. */
async function rollOf(ctx: Ctx, bodyId: string) {
  const { members } = await visibleBody(ctx, bodyId);
  const seen = new Set<string>();
  return members
    .filter((m) => m.org_id && !seen.has(m.org_id) && seen.add(m.org_id))
    .map((m) => ({ id: m.org_id!, name: m.org_name ?? "" }));
}

const accepting = (p: PollRow, now = Date.now()) => p.status === "open" && Date.parse(p.deadline) > now;
const parseChoices = (r: ResponseRow) => JSON.parse(r.choices) as Record<string, PollChoice>;

/** A poll the actor may see (its body is visible to them), with the actor's standing in the body, or 404. */
async function loadPoll(ctx: Ctx, id: string) {
  authorize(ctx.actor, "yearPlan.read");
  const row = await findPollRow(ctx, id);
  const body = row && (await visibleBodies(ctx)).get(row.body_id);
  if (!row || !body) throw notFound("日程調整");
  // A poll for a meeting 委員限り as a whole shares the meeting's fate: it does not exist for outsiders.
  if (row.meeting_id && !(await seesMeetings(ctx, [row.meeting_id])).has(row.meeting_id)) throw notFound("日程調整");
  return { row, body };
}

function summary(ctx: Ctx, row: PollRow, body: Standing, responses: ResponseRow[], total: number): PollSummary {
  const mineAnswered = responses.some((r) => r.org_id === ctx.actor?.orgId);
  return {
    id: row.id,
    bodyId: row.body_id,
    bodyName: body.name,
    title: row.title,
    deadline: row.deadline,
    status: row.status,
    accepting: accepting(row),
    answered: responses.length,
    total,
    mine: !body.subject.orgAttends ? "notAsked" : mineAnswered ? "answered" : "unanswered",
    meetingId: row.meeting_id,
    createdAt: row.created_at,
  };
}

async function detail(ctx: Ctx, id: string): Promise<PollDetail> {
  const { row, body } = await loadPoll(ctx, id);
  const [candidates, responses, roll] = await Promise.all([
    listCandidateRows(ctx, id),
    listResponseRows(ctx, [id]),
    rollOf(ctx, row.body_id),
  ]);
  const byOrg = new Map(responses.map((r) => [r.org_id, r]));
  const canManage = can(ctx.actor, "datePoll.manage", body.subject);
  const open = accepting(row);
  return {
    ...summary(ctx, row, body, responses, roll.length),
    description: row.description,
    kind: row.kind,
    place: row.place,
    chosenCandidateId: row.chosen_candidate_id,
    candidates: candidates.map((c) => {
      const tally = { yes: 0, maybe: 0, no: 0 };
      for (const r of responses) {
        const choice = parseChoices(r)[c.id];
        if (choice) tally[choice]++;
      }
      return { id: c.id, startsAt: c.starts_at, endsAt: c.ends_at, tally };
    }),
    rows: roll.map((org) => {
      const r = byOrg.get(org.id);
      return {
        org,
        choices: r ? parseChoices(r) : {},
        comment: r?.comment ?? "",
        answeredAt: r?.answered_at ?? null,
        canAnswer: open && (canManage || (org.id === ctx.actor?.orgId && can(ctx.actor, "datePoll.answer", body.subject))),
      };
    }),
    abilities: { canManage, canDecide: canManage && row.status === "open" },
  };
}

export const getPoll = (ctx: Ctx, id: string) => detail(ctx, id);

export async function listPolls(ctx: Ctx, q: z.infer<typeof pollQuery>): Promise<{ items: PollSummary[] }> {
  authorize(ctx.actor, "yearPlan.read");
  const bodies = await visibleBodies(ctx);
  const ids = [...bodies.keys()].filter((id) => !q.bodyId || id === q.bodyId);
  const all = await listPollRows(ctx, ids);
  const seen = await seesMeetings(
    ctx,
    all.flatMap((r) => (r.meeting_id ? [r.meeting_id] : [])),
  );
  const rows = all.filter((r) => !r.meeting_id || seen.has(r.meeting_id));
  const responses = await listResponseRows(
    ctx,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) =>
      summary(
        ctx,
        r,
        bodies.get(r.body_id)!,
        responses.filter((x) => x.poll_id === r.id),
        bodies.get(r.body_id)!.orgCount,
      ),
    ),
  };
}

const fullWidth = (n: number) => String(n).replace(/\d/g, (d) => "０１２３４５６７８９"[Number(d)]!);
/** 「　（１）令和8年6月10日（水）14時〜16時」 lines for the mail. */
const candidateLines = (cs: Pick<CandidateRow, "starts_at" | "ends_at">[]) =>
  cs.map((c, i) => `　（${fullWidth(i + 1)}）${warekiDateTime(c.starts_at)}〜${jstClock(c.ends_at)}`).join("\n");

export async function createPoll(ctx: Ctx, input: z.infer<typeof pollInput>): Promise<PollDetail> {
  authorize(ctx.actor, "yearPlan.read");
  const body = (await visibleBodies(ctx)).get(input.bodyId);
  if (!body) throw notFound("会議体");
  authorize(ctx.actor, "datePoll.manage", body.subject);
  const now = Date.now();
  if (Date.parse(input.deadline) <= now)
    throw invalid("回答期限は現在より後の日時にしてください。", [
      { path: "deadline", message: "現在より後の日時にしてください" },
    ]);
  const earliest = Math.min(...input.candidates.map((c) => Date.parse(c.startsAt)));
  if (earliest <= now)
    throw invalid("候補日は現在より後の日時にしてください。", [
      { path: "candidates", message: "現在より後の日時にしてください" },
    ]);
  if (Date.parse(input.deadline) > earliest)
    throw invalid("回答期限は最も早い候補日より前にしてください。", [
      { path: "deadline", message: "最も早い候補日より前にしてください" },
    ]);
  if (input.meetingId) {
    const m = await visibleMeeting(ctx, input.meetingId);
    if (m.row.body_id !== input.bodyId || (m.row.status !== "draft" && m.row.status !== "announced"))
      throw invalid("日程を調整できるのは、この会議体の準備中または開催通知済みの会議です。", [
        { path: "meetingId", message: "会議を選び直してください" },
      ]);
  }
  return inTx(ctx, async (tx) => {
    const stamp = nowIso();
    const poll: PollRow = {
      id: newId(),
      body_id: input.bodyId,
      meeting_id: input.meetingId ?? null,
      title: input.title,
      description: input.description,
      kind: input.kind,
      place: input.place,
      deadline: new Date(input.deadline).toISOString(),
      status: "open",
      chosen_candidate_id: null,
      reminded_at: null,
      created_by: tx.actor!.userId,
      created_at: stamp,
      updated_at: stamp,
    };
    const candidates = [...input.candidates]
      .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
      .map((c, position) => ({
        id: newId(),
        poll_id: poll.id,
        starts_at: new Date(c.startsAt).toISOString(),
        ends_at: new Date(c.endsAt).toISOString(),
        position,
      }));
    await insertPoll(tx, poll, candidates);
    await recordAudit(tx, "datePoll.create", { type: "date_poll", id: poll.id }, { after: input });
    const roll = await rollOf(tx, poll.body_id);
    await notify(tx, {
      orgIds: roll.map((o) => o.id),
      category: "meeting",
      title: `日程調整のお願い：${poll.title}`,
      body: `${body.name}\n回答期限：${warekiDateTime(poll.deadline)}`,
      link: `/date-polls/${poll.id}`,
      mail: {
        template: "poll.request",
        vars: { 件名: poll.title, 会議体: body.name, 候補日: candidateLines(candidates), 期限: warekiDateTime(poll.deadline) },
      },
    });
    return detail(tx, poll.id);
  });
}

export async function answerPoll(
  ctx: Ctx,
  id: string,
  orgId: string,
  input: z.infer<typeof pollAnswerInput>,
): Promise<PollDetail> {
  const { row, body } = await loadPoll(ctx, id);
  const roll = await rollOf(ctx, row.body_id);
  if (!roll.some((o) => o.id === orgId)) throw notFound("回答する団体");
  // An organisation answers for itself; the body's chair or secretariat may enter an answer on its behalf.
  authorize(ctx.actor, orgId === ctx.actor?.orgId ? "datePoll.answer" : "datePoll.manage", body.subject);
  if (row.status !== "open") throw conflict("日程は決定済みのため、回答は受け付けていません。");
  if (!accepting(row))
    throw conflict(`回答期限（${warekiDateTime(row.deadline)}）を過ぎているため、回答できません。事務局に御連絡ください。`);
  const candidates = await listCandidateRows(ctx, id);
  const known = new Set(candidates.map((c) => c.id));
  const missing = candidates.filter((c) => !input.choices[c.id]);
  const unknown = Object.keys(input.choices).filter((k) => !known.has(k));
  if (missing.length)
    throw invalid(
      "すべての候補日について○・△・×を選んでください。",
      missing.map((c) => ({ path: `choices.${c.id}`, message: "○・△・×のいずれかを選んでください" })),
    );
  if (unknown.length)
    throw invalid(
      "この日程調整にない候補日への回答が含まれています。",
      unknown.map((k) => ({ path: `choices.${k}`, message: "この日程調整の候補日ではありません" })),
    );
  return inTx(ctx, async (tx) => {
    const choices = Object.fromEntries(candidates.map((c) => [c.id, input.choices[c.id] as PollChoice]));
    await upsertResponse(tx, {
      poll_id: id,
      org_id: orgId,
      choices: JSON.stringify(choices),
      comment: input.comment,
      answered_by: tx.actor!.userId,
      answered_at: nowIso(),
    });
    await recordAudit(tx, "datePoll.answer", { type: "date_poll", id }, { orgId, choices, comment: input.comment });
    return detail(tx, id);
  });
}

/** Choosing a candidate sets the date: the linked meeting moves to it, or a new (draft) meeting is created. */
export async function decidePoll(ctx: Ctx, id: string, input: z.infer<typeof pollDecideInput>): Promise<PollDetail> {
  const { row, body } = await loadPoll(ctx, id);
  authorize(ctx.actor, "datePoll.manage", body.subject);
  if (row.status !== "open") throw conflict("この日程調整はすでに日程が決まっています。");
  const chosen = (await listCandidateRows(ctx, id)).find((c) => c.id === input.candidateId);
  if (!chosen)
    throw invalid("候補日を選び直してください。", [{ path: "candidateId", message: "この日程調整の候補日ではありません" }]);
  return inTx(ctx, async (tx) => {
    let meetingId = row.meeting_id;
    if (meetingId) await updateMeeting(tx, meetingId, { startsAt: chosen.starts_at, endsAt: chosen.ends_at });
    else
      meetingId = (
        await createMeeting(tx, {
          bodyId: row.body_id,
          kind: row.kind,
          startsAt: chosen.starts_at,
          endsAt: chosen.ends_at,
          place: row.place,
          description: row.description,
        })
      ).id;
    await updatePollRow(tx, id, {
      status: "decided",
      chosen_candidate_id: chosen.id,
      meeting_id: meetingId,
      updated_at: nowIso(),
    });
    await recordAudit(tx, "datePoll.decide", { type: "date_poll", id }, { candidateId: chosen.id, meetingId });
    const roll = await rollOf(tx, row.body_id);
    await notify(tx, {
      orgIds: roll.map((o) => o.id),
      category: "meeting",
      title: `日程が決まりました：${row.title}`,
      body: `${body.name}\n${warekiDateTime(chosen.starts_at)}から（開催通知は追ってお送りします）`,
      link: `/meetings/${meetingId}`,
    });
    return detail(tx, id);
  });
}
