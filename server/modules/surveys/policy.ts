import { type ActionsOf, definePolicies, type Policies } from "../../platform/policy/authorize.js";
import { runsCouncil } from "../../platform/policy/predicates.js";

/** What the rules need to know of a survey, seen from the actor. */
export interface SurveySubject {
  status: "draft" | "published" | "closed";
  /** The opening date has come (always true for a survey without one). */
  opened: boolean;
  /** The actor's organisation is one of the organisations asked. */
  isTarget: boolean;
  resultsVisibility: "staff" | "shared";
}
/** An answer adds the organisation it belongs to. */
export interface AnswerSubject extends SurveySubject {
  orgId: string;
}

/** The council secretariat (and the administrator) run surveys; nobody else sees a draft. */
export const runsSurveys = runsCouncil;
// The design gives specialists (専門人材) the desk, support engagements and progress, not surveys:
// they answer none and run none, so the menu and the home card are hidden for them and the list answers 403.
const usesSurveys = (a: { role: string }) => a.role !== "specialist";
const resultsShared = (s: SurveySubject) => s.isTarget && s.status === "closed" && s.resultsVisibility === "shared";

const policies = {
  "survey.use": usesSurveys,
  // Everyone else signed in may ask for the list; it holds only what they may read.
  "survey.list": usesSurveys,
  "survey.create": runsSurveys,
  "survey.read": (a, s: SurveySubject) => runsSurveys(a) || (s.isTarget && s.status !== "draft" && s.opened),
  "survey.update": (a, s: SurveySubject) => runsSurveys(a) && s.status !== "closed",
  "survey.editQuestions": (a, s: SurveySubject) => runsSurveys(a) && s.status === "draft",
  "survey.publish": (a, s: SurveySubject) => runsSurveys(a) && s.status === "draft",
  "survey.close": (a, s: SurveySubject) => runsSurveys(a) && s.status === "published",
  "survey.reopen": (a, s: SurveySubject) => runsSurveys(a) && s.status === "closed",
  "survey.delete": (a, s: SurveySubject) => runsSurveys(a) && s.status === "draft",
  "survey.copy": runsSurveys,
  "survey.track": (a, s: SurveySubject) => runsSurveys(a) && s.status !== "draft",
  "survey.results": (a, s: SurveySubject) => runsSurveys(a) || resultsShared(s),
  "survey.mapProgress": runsSurveys,
  // Observers read what is shared with all members; they never answer for an organisation.
  "survey.answer": (a, s: AnswerSubject) =>
    a.role !== "observer" && s.isTarget && a.orgId === s.orgId && s.status === "published" && s.opened,
  "survey.readAnswer": (a, s: AnswerSubject) => runsSurveys(a) || (s.isTarget && (a.orgId === s.orgId || resultsShared(s))),
} satisfies Policies;
definePolicies(policies);
declare module "../../platform/policy/authorize.js" {
  interface Actions extends ActionsOf<typeof policies> {}
}

/** The audit events this module records (recordAudit refuses any other name at compile time). */
type SurveysEvent =
  | "survey.applyProgress"
  | "survey.attach"
  | "survey.autoRemind"
  | "survey.close"
  | "survey.copy"
  | "survey.create"
  | "survey.delete"
  | "survey.detach"
  | "survey.export"
  | "survey.extend"
  | "survey.importWorkbook"
  | "survey.mapProgress"
  | "survey.open"
  | "survey.publish"
  | "survey.relay"
  | "survey.remind"
  | "survey.reopen"
  | "survey.update"
  | "survey.writeBack"
  | "surveyAnswer.check"
  | "surveyAnswer.return"
  | "surveyAnswer.save"
  | "surveyAnswer.submit"
  | "surveyAnswer.uncheck"
  | "surveyAnswer.upload";
declare module "../../platform/audit/record.js" {
  interface AuditEvents extends Record<SurveysEvent, true> {}
}
