/** The meetings module's public face beside its service: agenda proposals from other modules, the home page's part. */

export type { LoadedMeeting } from "./access.js";
export { visibleMeeting } from "./access.js";
export { proposeAgendaItem } from "./agenda.js";
export { listDecisions } from "./decisions.js";
export { openActionItemsOf } from "./handover-repo.js";
export { meetingsDue } from "./home.js";
export { createMeeting, seesMeetings, updateMeeting, visibleBodies, visibleMeetingList } from "./meetings.js";
export { materialLabels, meetingName } from "./naming.js";
export type { MeetingSubject } from "./policy.js";
export { runsBody } from "./policy.js";
export { agendaNumbers, loadMaterials } from "./present.js";
export type { AgendaWithOrg, MeetingRow } from "./repo.js";
export { listAgendaRows, listMeetingRows, updateAgendaRow, updateMeetingRow } from "./repo.js";
export { findMaterialWithFile, listMaterialRows, updateMaterialRow } from "./repo-files.js";
export { latestPublishedMinutes, listAttendanceRows, listMinutesRows, updateMinutesRow } from "./repo-follow.js";
export { overdueBodyActions } from "./repo-insight.js";
export { findPublicMeetingRow, listPublicMeetingRows, publicStatuses } from "./repo-public.js";
export { indexMeeting } from "./search-hook.js";
export type { MeetingKind } from "./tables.js";
