import { z } from "zod";
import { idParams, listOf } from "../../../shared/api/common.js";
import { announceInput, mailPreview } from "../../../shared/api/mail-templates.js";
import {
  actionInput,
  actionItem,
  actionPatch,
  actionQuery,
  agendaItem,
  agendaPatch,
  agendaReferrals,
  attendanceInput,
  attendanceList,
  bodyReferrals,
  cancelInput,
  childReportsAdded,
  childReports as childReportsView,
  correctionInput,
  decisionEntry,
  decisionInput,
  decisionQuery,
  feedCreated,
  feedStatus,
  meeting,
  meetingDetail,
  meetingInput,
  meetingPatch,
  meetingQuery,
  minutesInput,
  minutesRevision,
  minutesView,
  nextInput,
  orderInput,
  proposalInput,
  referInput,
  rollInput,
} from "../../../shared/api/meetings.js";
import { pageOf } from "../../../shared/api/paging.js";
import type { App } from "../../platform/http/types.js";
import { createAction, listActions, updateAction } from "./actions.js";
import { addChildReports, childReports } from "./child-reports.js";
import { listDecisions } from "./decisions.js";
import { agendaReferralHistory, bodyReferralHistory, referAgendaItem } from "./referrals.js";
import "./reminders.js";
import {
  addAgendaItem,
  adoptBacklog,
  decideAgendaItem,
  listBacklog,
  orderAgenda,
  proposeAgendaItem,
  updateAgendaItem,
  withdrawAgendaItem,
} from "./agenda.js";
import { answerAttendance, listAttendance, takeRoll } from "./attendance.js";
import { createFeed, feedStatus as getFeedStatus, revokeFeed } from "./calendar.js";
import { previewAnnouncement } from "./meeting-mail.js";
import { announceMeeting, cancelMeeting, createMeeting, getMeeting, listMeetings, markHeld, updateMeeting } from "./meetings.js";
import { approveMinutes, correctMinutes, getMinutes, getMinutesRevision, publishMinutes, saveMinutes } from "./minutes.js";
import { meetingFileRoutes } from "./routes-files.js";
import { prepareNext } from "./series.js";

const itemParams = z.object({ id: z.uuid(), itemId: z.uuid() });
const orgParams = z.object({ id: z.uuid(), orgId: z.uuid() });
const revParams = z.object({ id: z.uuid(), revision: z.coerce.number().int().min(1) });
const detail = { 200: meetingDetail };

export function meetingRoutes(app: App) {
  app.get("/meetings", { schema: { querystring: meetingQuery, response: { 200: pageOf(meeting) } } }, (req) =>
    listMeetings(req.ctx, req.query),
  );
  app.post("/meetings", { schema: { body: meetingInput, response: { 201: meetingDetail } } }, async (req, reply) =>
    reply.status(201).send(await createMeeting(req.ctx, req.body)),
  );
  app.get("/meetings/:id", { schema: { params: idParams, response: detail } }, (req) => getMeeting(req.ctx, req.params.id));
  app.patch("/meetings/:id", { schema: { params: idParams, body: meetingPatch, response: detail } }, (req) =>
    updateMeeting(req.ctx, req.params.id, req.body),
  );
  app.post("/meetings/:id/announce", { schema: { params: idParams, body: announceInput.optional(), response: detail } }, (req) =>
    announceMeeting(req.ctx, req.params.id, req.body?.mail),
  );
  // What the 開催通知 will do (recipients and text), before the confirmation; changes nothing.
  app.post(
    "/meetings/:id/announce/preview",
    { schema: { params: idParams, body: announceInput.optional(), response: { 200: mailPreview } } },
    (req) => previewAnnouncement(req.ctx, req.params.id, req.body?.mail),
  );
  app.post("/meetings/:id/held", { schema: { params: idParams, response: detail } }, (req) => markHeld(req.ctx, req.params.id));
  app.post("/meetings/:id/cancel", { schema: { params: idParams, body: cancelInput, response: detail } }, (req) =>
    cancelMeeting(req.ctx, req.params.id, req.body),
  );
  app.post(
    "/meetings/:id/next",
    { schema: { params: idParams, body: nextInput, response: { 201: meetingDetail } } },
    async (req, reply) => reply.status(201).send(await prepareNext(req.ctx, req.params.id, req.body)),
  );

  // Agenda coordination
  app.post(
    "/meetings/:id/proposals",
    { schema: { params: idParams, body: proposalInput, response: { 201: agendaItem } } },
    async (req, reply) => reply.status(201).send(await proposeAgendaItem(req.ctx, req.params.id, req.body)),
  );
  app.post(
    "/meetings/:id/agenda",
    { schema: { params: idParams, body: proposalInput, response: { 201: meetingDetail } } },
    async (req, reply) => reply.status(201).send(await addAgendaItem(req.ctx, req.params.id, req.body)),
  );
  app.patch("/meetings/:id/agenda/:itemId", { schema: { params: itemParams, body: agendaPatch, response: detail } }, (req) =>
    updateAgendaItem(req.ctx, req.params.id, req.params.itemId, req.body),
  );
  app.post(
    "/meetings/:id/agenda/:itemId/decision",
    { schema: { params: itemParams, body: decisionInput, response: detail } },
    (req) => decideAgendaItem(req.ctx, req.params.id, req.params.itemId, req.body),
  );
  app.post("/meetings/:id/agenda/:itemId/withdraw", { schema: { params: itemParams, response: detail } }, (req) =>
    withdrawAgendaItem(req.ctx, req.params.id, req.params.itemId),
  );
  app.put("/meetings/:id/agenda/order", { schema: { params: idParams, body: orderInput, response: detail } }, (req) =>
    orderAgenda(req.ctx, req.params.id, req.body),
  );
  app.get("/decisions", { schema: { querystring: decisionQuery, response: { 200: listOf(decisionEntry) } } }, (req) =>
    listDecisions(req.ctx, req.query),
  );
  // 部会・WGの報告: the child bodies' meetings since the parent's previous meeting, and their standing items.
  app.get("/meetings/:id/child-reports", { schema: { params: idParams, response: { 200: childReportsView } } }, (req) =>
    childReports(req.ctx, req.params.id),
  );
  app.post("/meetings/:id/child-reports", { schema: { params: idParams, response: { 200: childReportsAdded } } }, (req) =>
    addChildReports(req.ctx, req.params.id),
  );
  app.get("/agenda-items/:id/referrals", { schema: { params: idParams, response: { 200: agendaReferrals } } }, (req) =>
    agendaReferralHistory(req.ctx, req.params.id),
  );
  app.post(
    "/agenda-items/:id/refer",
    { schema: { params: idParams, body: referInput, response: { 200: agendaReferrals } } },
    (req) => referAgendaItem(req.ctx, req.params.id, req.body),
  );
  app.get("/bodies/:id/referrals", { schema: { params: idParams, response: { 200: bodyReferrals } } }, (req) =>
    bodyReferralHistory(req.ctx, req.params.id),
  );
  app.get("/meetings/:id/backlog", { schema: { params: idParams, response: { 200: listOf(agendaItem) } } }, (req) =>
    listBacklog(req.ctx, req.params.id),
  );
  app.post("/meetings/:id/backlog/:itemId", { schema: { params: itemParams, response: detail } }, (req) =>
    adoptBacklog(req.ctx, req.params.id, [req.params.itemId]),
  );

  // Attendance
  app.get("/meetings/:id/attendance", { schema: { params: idParams, response: { 200: attendanceList } } }, (req) =>
    listAttendance(req.ctx, req.params.id),
  );
  app.put(
    "/meetings/:id/attendance/:orgId",
    { schema: { params: orgParams, body: attendanceInput, response: { 200: attendanceList } } },
    (req) => answerAttendance(req.ctx, req.params.id, req.params.orgId, req.body),
  );
  app.put(
    "/meetings/:id/attendance/:orgId/roll",
    { schema: { params: orgParams, body: rollInput, response: { 200: attendanceList } } },
    (req) => takeRoll(req.ctx, req.params.id, req.params.orgId, req.body),
  );

  // Minutes
  app.get("/meetings/:id/minutes", { schema: { params: idParams, response: { 200: minutesView } } }, (req) =>
    getMinutes(req.ctx, req.params.id),
  );
  app.put("/meetings/:id/minutes", { schema: { params: idParams, body: minutesInput, response: { 200: minutesView } } }, (req) =>
    saveMinutes(req.ctx, req.params.id, req.body),
  );
  app.post("/meetings/:id/minutes/approve", { schema: { params: idParams, response: { 200: minutesView } } }, (req) =>
    approveMinutes(req.ctx, req.params.id),
  );
  app.post("/meetings/:id/minutes/publish", { schema: { params: idParams, response: { 200: minutesView } } }, (req) =>
    publishMinutes(req.ctx, req.params.id),
  );
  app.post(
    "/meetings/:id/minutes/corrections",
    { schema: { params: idParams, body: correctionInput, response: { 200: minutesView } } },
    (req) => correctMinutes(req.ctx, req.params.id, req.body),
  );
  app.get(
    "/meetings/:id/minutes/revisions/:revision",
    { schema: { params: revParams, response: { 200: minutesRevision } } },
    (req) => getMinutesRevision(req.ctx, req.params.id, req.params.revision),
  );

  // Action items
  app.get("/action-items", { schema: { querystring: actionQuery, response: { 200: pageOf(actionItem) } } }, (req) =>
    listActions(req.ctx, req.query),
  );
  app.post(
    "/meetings/:id/action-items",
    { schema: { params: idParams, body: actionInput, response: { 201: actionItem } } },
    async (req, reply) => reply.status(201).send(await createAction(req.ctx, req.params.id, req.body)),
  );
  app.patch("/action-items/:id", { schema: { params: idParams, body: actionPatch, response: { 200: actionItem } } }, (req) =>
    updateAction(req.ctx, req.params.id, req.body),
  );

  // Personal calendar feed
  app.get("/calendar/feed", { schema: { response: { 200: feedStatus } } }, (req) => getFeedStatus(req.ctx));
  app.post("/calendar/feed", { schema: { response: { 201: feedCreated } } }, async (req, reply) =>
    reply.status(201).send(await createFeed(req.ctx)),
  );
  app.delete("/calendar/feed", { schema: { response: { 200: feedStatus } } }, (req) => revokeFeed(req.ctx));

  meetingFileRoutes(app);
}
