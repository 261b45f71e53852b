import type { z } from "zod";
import {
  defaultPhases,
  type meetingsInput,
  type ProjectDetail,
  type participantsInput,
  type phasesInput,
  type projectInput,
  type projectPatch,
} from "../../../shared/api/procurement.js";
import { diff, recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { invalid } from "../../platform/errors.js";
import { abilities, authorize, can } from "../../platform/policy/authorize.js";
import { visibleBodyList } from "../bodies/service.js";
import { meetingName } from "../meetings/index.js";
import { memberBodies, projectSubject, visibleProject } from "./access.js";
import { presentScenarios } from "./present.js";
import {
  findMeetingsOfBody,
  findOrgsByIds,
  insertProject,
  listParticipantRows,
  listPhaseRows,
  listProjectMeetings,
  listProjectRows,
  listScenarioRows,
  type ProjectRow,
  replaceMeetings,
  replaceParticipants,
  replacePhases,
  updateProjectRow,
  userNames,
} from "./repo.js";

/** The body a project belongs to unless another is chosen. */
const DEFAULT_BODY = "RPA等共同利用WG";

export async function listProjects(ctx: Ctx) {
  authorize(ctx.actor, "procurement.list");
  const bodies = await memberBodies(ctx);
  const rows = await listProjectRows(ctx);
  const items = [];
  for (const r of rows) {
    const participants = (await listParticipantRows(ctx, r.id)).map((p) => p.org_id);
    if (!can(ctx.actor, "procurement.read", projectSubject(ctx, r, bodies, participants))) continue;
    items.push({
      id: r.id,
      name: r.name,
      programme: r.programme,
      kind: r.kind,
      body: { id: r.body_id, name: r.body_name },
      fiscalYearFrom: r.fiscal_year_from,
      fiscalYearTo: r.fiscal_year_to,
      vendor: r.vendor,
      participantCount: Number(r.participant_count ?? 0),
      updatedAt: r.updated_at,
    });
  }
  return { items, abilities: { canCreate: can(ctx.actor, "procurement.create") } };
}

export async function getProject(ctx: Ctx, id: string): Promise<ProjectDetail> {
  const { row, participants, subject } = await visibleProject(ctx, id);
  const [phases, meetings, scenarios] = await Promise.all([
    listPhaseRows(ctx, id),
    listProjectMeetings(ctx, id),
    listScenarioRows(ctx, id),
  ]);
  const names = await userNames(
    ctx,
    scenarios.flatMap((s) => (s.frozen_by ? [s.frozen_by] : [])),
  );
  return {
    id: row.id,
    name: row.name,
    programme: row.programme,
    kind: row.kind,
    body: { id: row.body_id, name: row.body_name },
    fiscalYearFrom: row.fiscal_year_from,
    fiscalYearTo: row.fiscal_year_to,
    vendor: row.vendor,
    participantCount: participants.length,
    updatedAt: row.updated_at,
    documentsUrl: row.documents_url,
    tableOpen: row.table_open === 1,
    participants: participants.map((p) => ({
      id: p.id,
      org: { id: p.org_id, name: p.org_name, lgCode: p.lg_code },
      isPrefecture: p.org_kind === "prefecture",
      joinDate: p.join_date,
      leaveDate: p.leave_date,
      population: p.population,
    })),
    phases: phases.map((p) => ({ name: p.name, startDate: p.start_date, endDate: p.end_date, status: p.status })),
    meetings: meetings.map((m) => ({ id: m.id, title: meetingName(m, row.body_name), startsAt: m.starts_at })),
    scenarios: presentScenarios(scenarios, names),
    abilities: abilities(ctx.actor, subject, { canEdit: "procurement.edit", canSeeTable: "procurement.seeTable" }),
  };
}

export async function createProject(ctx: Ctx, input: z.infer<typeof projectInput>): Promise<ProjectDetail> {
  authorize(ctx.actor, "procurement.create");
  const bodies = await visibleBodyList(ctx);
  const bodyId = input.bodyId ?? bodies.find((b) => b.name === DEFAULT_BODY)?.id;
  if (!bodyId || !bodies.some((b) => b.id === bodyId))
    throw invalid("会議体が見つかりません。", [{ path: "bodyId", message: "事業を担当する会議体を選んでください" }]);
  const id = newId();
  const now = nowIso();
  const row: ProjectRow = {
    id,
    name: input.name,
    programme: input.programme,
    body_id: bodyId,
    kind: input.kind,
    fiscal_year_from: input.fiscalYearFrom,
    fiscal_year_to: input.fiscalYearTo,
    vendor: input.vendor,
    documents_url: input.documentsUrl,
    table_open: input.tableOpen ? 1 : 0,
    created_by: ctx.actor.userId,
    created_at: now,
    updated_at: now,
  };
  await inTx(ctx, async (tx) => {
    await insertProject(tx, row);
    await replacePhases(
      tx,
      id,
      defaultPhases.map((name, position) => ({
        id: newId(),
        project_id: id,
        position,
        name,
        start_date: null,
        end_date: null,
        status: "planned",
      })),
    );
    await recordAudit(tx, "procurement.project.create", { type: "procurement_project", id }, { name: input.name, bodyId });
  });
  return getProject(ctx, id);
}

async function editable(ctx: Ctx, id: string) {
  const loaded = await visibleProject(ctx, id);
  authorize(ctx.actor, "procurement.edit", loaded.subject);
  return loaded;
}

export async function updateProject(ctx: Ctx, id: string, patch: z.infer<typeof projectPatch>): Promise<ProjectDetail> {
  const { row } = await editable(ctx, id);
  const from = patch.fiscalYearFrom ?? row.fiscal_year_from;
  const to = patch.fiscalYearTo ?? row.fiscal_year_to;
  if (to < from)
    throw invalid("年度の範囲が正しくありません。", [{ path: "fiscalYearTo", message: "終了年度は開始年度以降にしてください" }]);
  const next: Partial<ProjectRow> = {
    ...(patch.name !== undefined && { name: patch.name }),
    ...(patch.programme !== undefined && { programme: patch.programme }),
    ...(patch.kind !== undefined && { kind: patch.kind }),
    ...(patch.fiscalYearFrom !== undefined && { fiscal_year_from: patch.fiscalYearFrom }),
    ...(patch.fiscalYearTo !== undefined && { fiscal_year_to: patch.fiscalYearTo }),
    ...(patch.vendor !== undefined && { vendor: patch.vendor }),
    ...(patch.documentsUrl !== undefined && { documents_url: patch.documentsUrl }),
    ...(patch.tableOpen !== undefined && { table_open: patch.tableOpen ? 1 : 0 }),
  };
  const changes = diff(row, next);
  if (!Object.keys(changes).length) throw invalid("変更された項目がありません。");
  await inTx(ctx, async (tx) => {
    await updateProjectRow(tx, id, { ...next, updated_at: nowIso() });
    await recordAudit(tx, "procurement.project.update", { type: "procurement_project", id }, changes);
  });
  return getProject(ctx, id);
}

export async function setParticipants(ctx: Ctx, id: string, input: z.infer<typeof participantsInput>): Promise<ProjectDetail> {
  const { participants: before } = await editable(ctx, id);
  const orgs = new Map((await findOrgsByIds(ctx, [...new Set(input.participants.map((p) => p.orgId))])).map((o) => [o.id, o]));
  const issues: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  for (const [i, p] of input.participants.entries()) {
    const org = orgs.get(p.orgId);
    if (!org) {
      issues.push({ path: `participants.${i}.orgId`, message: "団体が見つかりません。選び直してください" });
      continue;
    }
    if (seen.has(p.orgId))
      issues.push({ path: `participants.${i}.orgId`, message: `${org.name}：同じ団体が2回指定されています` });
    seen.add(p.orgId);
    if (p.leaveDate && p.leaveDate < p.joinDate)
      issues.push({
        path: `participants.${i}.leaveDate`,
        message: `${org.name}：脱退日（${p.leaveDate}）が参加日（${p.joinDate}）より前です`,
      });
  }
  if (issues.length) throw invalid(`参加団体の指定に誤りがあります。${issues[0]!.message}。`, issues);
  await inTx(ctx, async (tx) => {
    await replaceParticipants(
      tx,
      id,
      input.participants.map((p) => ({
        id: newId(),
        project_id: id,
        org_id: p.orgId,
        join_date: p.joinDate,
        leave_date: p.leaveDate,
      })),
    );
    await updateProjectRow(tx, id, { updated_at: nowIso() });
    const key = (p: { orgId: string; joinDate: string; leaveDate: string | null }) =>
      `${p.orgId}:${p.joinDate}:${p.leaveDate ?? ""}`;
    const was = before.map((p) => key({ orgId: p.org_id, joinDate: p.join_date, leaveDate: p.leave_date }));
    const now = input.participants.map(key);
    await recordAudit(
      tx,
      "procurement.participants.update",
      { type: "procurement_project", id },
      { added: now.filter((k) => !was.includes(k)), removed: was.filter((k) => !now.includes(k)) },
    );
  });
  return getProject(ctx, id);
}

export async function setPhases(ctx: Ctx, id: string, input: z.infer<typeof phasesInput>): Promise<ProjectDetail> {
  await editable(ctx, id);
  const issues = input.phases.flatMap((p, i) =>
    p.startDate && p.endDate && p.endDate < p.startDate
      ? [{ path: `phases.${i}.endDate`, message: `${p.name}：終了日が開始日より前です` }]
      : [],
  );
  if (issues.length) throw invalid(`段階の日付に誤りがあります。${issues[0]!.message}。`, issues);
  await inTx(ctx, async (tx) => {
    await replacePhases(
      tx,
      id,
      input.phases.map((p, position) => ({
        id: newId(),
        project_id: id,
        position,
        name: p.name,
        start_date: p.startDate,
        end_date: p.endDate,
        status: p.status,
      })),
    );
    await updateProjectRow(tx, id, { updated_at: nowIso() });
    await recordAudit(tx, "procurement.phases.update", { type: "procurement_project", id }, { phases: input.phases });
  });
  return getProject(ctx, id);
}

export async function setMeetings(ctx: Ctx, id: string, input: z.infer<typeof meetingsInput>): Promise<ProjectDetail> {
  const { row } = await editable(ctx, id);
  const ids = [...new Set(input.meetingIds)];
  const found = new Set((await findMeetingsOfBody(ctx, row.body_id, ids)).map((m) => m.id));
  const missing = ids.findIndex((m) => !found.has(m));
  if (missing >= 0)
    throw invalid("この事業の会議体の会議ではありません。", [
      { path: `meetingIds.${missing}`, message: `${row.body_name}の会議を選んでください` },
    ]);
  await inTx(ctx, async (tx) => {
    await replaceMeetings(tx, id, ids);
    await recordAudit(tx, "procurement.meetings.update", { type: "procurement_project", id }, { meetingIds: ids });
  });
  return getProject(ctx, id);
}
