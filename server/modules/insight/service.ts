import type { z } from "zod";
import type { ConsultationCategory } from "../../../shared/api/consultations.js";
import {
  type acceptInput,
  defaultInsightRules,
  type dismissInput,
  type InsightRules,
  insightRules,
  type SuggestionList,
} from "../../../shared/api/insight.js";
import { addDays } from "../../../shared/dates/calendar.js";
import { jstDate, jstInstant } from "../../../shared/dates/jst.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { conflict, notFound } from "../../platform/errors.js";
import { authorize, can } from "../../platform/policy/authorize.js";
import { challengeSharers, openSharedChallenges } from "../challenges/index.js";
import { deskCountsByCategory } from "../consultations/index.js";
import { type LoadedMeeting, meetingName, overdueBodyActions, proposeAgendaItem, visibleMeeting } from "../meetings/index.js";
import { audienceOrgs, firstReadByOrg, requiredNoticesFor } from "../notices/index.js";
import { behindOnBodyItems } from "../progress/index.js";
import { surveyResponseCounts } from "../surveys/index.js";
import "./policy.js";
import { findSetting, insertDecision, listDecisions, saveSetting } from "./repo.js";
import { buildSuggestions, type Evidence } from "./suggest.js";

const RULES_KEY = "agendaRules";
const DAY_MS = 86_400_000;

async function readRules(ctx: Ctx) {
  const row = await findSetting(ctx, RULES_KEY);
  if (!row) return { rules: defaultInsightRules, updatedAt: null };
  // Stored rules were validated when saved; a rule added later takes its default.
  const stored = JSON.parse(row.value) as Partial<InsightRules>;
  const merged = Object.fromEntries(
    Object.entries(defaultInsightRules).map(([k, v]) => [k, { ...v, ...(stored[k as keyof InsightRules] ?? {}) }]),
  );
  const parsed = insightRules.safeParse(merged);
  return { rules: parsed.success ? parsed.data : defaultInsightRules, updatedAt: row.updated_at };
}

export async function getRules(ctx: Ctx) {
  authorize(ctx.actor, "insight.rules.read");
  const { rules, updatedAt } = await readRules(ctx);
  return { rules, updatedAt, canEdit: can(ctx.actor, "insight.rules.update") };
}

/** Replaces the rules (validated by the route's schema: a threshold out of range never reaches here). */
export async function updateRules(ctx: Ctx, rules: InsightRules) {
  return inTx(ctx, async (tx) => {
    authorize(tx.actor, "insight.rules.update");
    const before = await readRules(tx);
    await saveSetting(tx, RULES_KEY, JSON.stringify(rules), tx.actor.userId, nowIso());
    await recordAudit(tx, "insight.rules", { type: "insight_rules", id: RULES_KEY }, { before: before.rules, after: rules });
    return getRules(tx);
  });
}

async function loadForSuggestions(ctx: Ctx, meetingId: string) {
  const loaded = await visibleMeeting(ctx, meetingId);
  authorize(ctx.actor, "insight.suggest", loaded.subject);
  return loaded;
}

const daysBetween = (fromIso: string, to: string) => Math.floor((Date.parse(to) - Date.parse(fromIso)) / DAY_MS);

/** Reads, through each module's public face, what the rules look at for this meeting's body. */
async function gatherEvidence(ctx: Ctx, loaded: LoadedMeeting, rules: InsightRules, today: string): Promise<Evidence> {
  const bodyId = loaded.row.body_id;
  const now = jstInstant(today).toISOString();
  const e: Evidence = { today, behind: [], challenges: [], desk: [], actions: [], surveys: [], notices: [] };

  if (rules.progress.enabled) {
    const horizon = addDays(today, Math.round(rules.progress.monthsAhead * 30.44));
    const rows = await behindOnBodyItems(ctx, bodyId, today, today, horizon);
    e.behind = rows.map((r) => ({
      itemId: r.itemId,
      itemName: r.itemName,
      programmeName: r.programmeName,
      deadline: (r.itemDeadline ?? r.programmeDeadline)!,
      towns: r.orgNames,
    }));
  }
  if (rules.challenge.enabled) {
    const postedBy = jstInstant(addDays(today, 1 - rules.challenge.minOpenDays)).toISOString();
    const rows = await openSharedChallenges(ctx, bodyId, rules.challenge.minTowns - 1, postedBy);
    const sharers = await challengeSharers(
      ctx,
      rows.map((r) => r.id),
    );
    e.challenges = rows.map((r) => ({
      id: r.id,
      title: r.title,
      openDays: daysBetween(jstInstant(jstDate(new Date(r.createdAt))).toISOString(), now),
      towns: [...new Set([r.orgName, ...sharers.filter((s) => s.challengeId === r.id).map((s) => s.orgName)])],
    }));
  }
  if (rules.desk.enabled) {
    const w = rules.desk.windowDays;
    const end = jstInstant(addDays(today, 1)).toISOString();
    const start = jstInstant(addDays(today, 1 - w)).toISOString();
    const prevStart = jstInstant(addDays(today, 1 - 2 * w)).toISOString();
    const current = await deskCountsByCategory(ctx, start, end);
    const previous = await deskCountsByCategory(ctx, prevStart, start);
    const cats = [...new Set(current.map((c) => c.category))] as ConsultationCategory[];
    e.desk = cats.map((category) => ({
      category,
      current: current.filter((c) => c.category === category).map((c) => ({ orgName: c.orgName, n: Number(c.n) })),
      previous: previous.filter((c) => c.category === category).reduce((s, c) => s + Number(c.n), 0),
    }));
  }
  if (rules.actions.enabled) {
    const rows = await overdueBodyActions(ctx, bodyId, addDays(today, -rules.actions.minOverdueDays));
    e.actions = rows.map((r) => ({
      id: r.id,
      title: r.title,
      meetingId: r.meetingId,
      dueDate: r.dueDate,
      orgName: r.orgName,
      overdueDays: daysBetween(jstInstant(r.dueDate).toISOString(), now),
    }));
  }
  if (rules.survey.enabled) {
    const from = jstInstant(addDays(today, -rules.survey.withinDays)).toISOString();
    e.surveys = await surveyResponseCounts(ctx, bodyId, from, nowIso());
  }
  if (rules.notice.enabled) {
    const by = jstInstant(addDays(today, 1 - rules.notice.minDaysPublished)).toISOString();
    const notices = await requiredNoticesFor(ctx, bodyId, by);
    for (const n of notices) {
      const audience = await audienceOrgs(ctx, n.bodyId);
      const read = await firstReadByOrg(ctx, n.id);
      e.notices.push({
        id: n.id,
        title: n.title,
        daysPublished: daysBetween(jstInstant(jstDate(new Date(n.publishedAt!))).toISOString(), now),
        unread: audience.filter((o) => !read.has(o.id)).map((o) => o.name),
      });
    }
  }
  return e;
}

/** The ranked suggestions for a meeting: accepted ones and ones dismissed with the same evidence are left out. */
export async function meetingSuggestions(ctx: Ctx, meetingId: string): Promise<SuggestionList> {
  const loaded = await loadForSuggestions(ctx, meetingId);
  return suggestionsFor(ctx, loaded);
}

async function suggestionsFor(ctx: Ctx, loaded: LoadedMeeting): Promise<SuggestionList> {
  const today = jstDate();
  const { rules } = await readRules(ctx);
  const evidence = await gatherEvidence(ctx, loaded, rules, today);
  const decisions = await listDecisions(ctx, loaded.row.body_id);
  const latest = new Map<string, (typeof decisions)[number]>();
  for (const d of decisions) if (!latest.has(d.suggestion_key)) latest.set(d.suggestion_key, d);
  const items = buildSuggestions(rules, evidence).flatMap((s) => {
    const d = latest.get(s.key);
    if (d?.decision === "accepted" && (d.meeting_id === loaded.row.id || d.fingerprint === s.fingerprint)) return [];
    if (d?.decision === "dismissed" && d.fingerprint === s.fingerprint) return [];
    return [{ ...s, changedSinceDismissed: d?.decision === "dismissed" }];
  });
  return {
    meeting: {
      id: loaded.row.id,
      name: meetingName(loaded.row, loaded.body.name),
      bodyId: loaded.row.body_id,
      bodyName: loaded.body.name,
      status: loaded.row.status,
    },
    today,
    rules,
    items,
    decisions: [...latest.values()].map((d) => ({
      key: d.suggestion_key,
      decision: d.decision,
      title: (JSON.parse(d.evidence) as { title: string }).title,
      reason: d.reason,
      agendaItemId: d.agenda_item_id,
      decidedAt: d.decided_at,
    })),
  };
}

async function currentSuggestion(tx: Ctx, loaded: LoadedMeeting, key: string) {
  const list = await suggestionsFor(tx, loaded);
  const s = list.items.find((i) => i.key === key);
  if (!s) throw notFound("提案候補（すでに採用・見送り済みか、根拠がなくなっています）");
  return s;
}

/** Files the suggestion as an agenda proposal of the meeting (source "insight:<key>") and remembers it. */
export async function acceptSuggestion(ctx: Ctx, meetingId: string, input: z.infer<typeof acceptInput>) {
  return inTx(ctx, async (tx) => {
    const loaded = await loadForSuggestions(tx, meetingId);
    if (loaded.row.status !== "draft" && loaded.row.status !== "announced")
      throw conflict("開催済み・中止の会議には議題を提案できません。");
    const s = await currentSuggestion(tx, loaded, input.key);
    const sourceRef = `insight:${s.key}`;
    const item = await proposeAgendaItem(
      tx,
      meetingId,
      { title: input.title ?? s.title, purpose: input.purpose ?? s.purpose, minutesRequested: input.minutesRequested },
      { sourceRef },
    );
    await insertDecision(tx, {
      id: newId(),
      body_id: loaded.row.body_id,
      meeting_id: meetingId,
      suggestion_key: s.key,
      decision: "accepted",
      fingerprint: s.fingerprint,
      evidence: JSON.stringify(s),
      reason: null,
      agenda_item_id: item.id,
      decided_by: tx.actor!.userId,
      decided_at: nowIso(),
    });
    await recordAudit(
      tx,
      "insight.accept",
      { type: "meeting", id: meetingId },
      { key: s.key, agendaItemId: item.id, counts: s.counts },
    );
    return { agendaItemId: item.id, meetingId, sourceRef };
  });
}

/** Records why a suggestion is not taken up; it stays away from this body's meetings until its evidence changes. */
export async function dismissSuggestion(ctx: Ctx, meetingId: string, input: z.infer<typeof dismissInput>) {
  return inTx(ctx, async (tx) => {
    const loaded = await loadForSuggestions(tx, meetingId);
    const s = await currentSuggestion(tx, loaded, input.key);
    await insertDecision(tx, {
      id: newId(),
      body_id: loaded.row.body_id,
      meeting_id: meetingId,
      suggestion_key: s.key,
      decision: "dismissed",
      fingerprint: s.fingerprint,
      evidence: JSON.stringify(s),
      reason: input.reason,
      agenda_item_id: null,
      decided_by: tx.actor!.userId,
      decided_at: nowIso(),
    });
    await recordAudit(
      tx,
      "insight.dismiss",
      { type: "meeting", id: meetingId },
      { key: s.key, reason: input.reason, counts: s.counts },
    );
    return suggestionsFor(tx, loaded);
  });
}
