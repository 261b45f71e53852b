import type { ComponentType } from "react";
import { createBrowserRouter, type RouteObject } from "react-router";
import { AppLayout } from "./app-layout.js";
import { AuthLayout } from "./auth-layout.js";
import { NotFoundPage } from "./not-found-page.js";
import { RequireSession } from "./require-session.js";
import { RouteError } from "./route-error.js";

/** A page loaded on first visit, so the sign-in screen stays light. */
function page<M>(load: () => Promise<M>, name: keyof M): Pick<RouteObject, "lazy"> {
  return { lazy: async () => ({ Component: (await load())[name] as ComponentType }) };
}

const auth = () => import("../features/auth/index.js");
const orgs = () => import("../features/orgs/index.js");
const users = () => import("../features/users/index.js");
const handover = () => import("../features/handover/index.js");
const directory = () => import("../features/directory/index.js");
const bodies = () => import("../features/bodies/index.js");
const meetings = () => import("../features/meetings/index.js");
const notices = () => import("../features/notices/index.js");
const documents = () => import("../features/documents/index.js");
const challenges = () => import("../features/challenges/index.js");
const account = () => import("../features/account/index.js");
const admin = () => import("../features/admin/index.js");
const desk = () => import("../features/consultations/index.js");
const faq = () => import("../features/faq/index.js");
const support = () => import("../features/support/index.js");
const surveys = () => import("../features/surveys/index.js");
const progress = () => import("../features/progress/index.js");
const councilYear = () => import("../features/council-year/index.js");
const insight = () => import("../features/insight/index.js");
const publication = () => import("../features/publication/index.js");
const procurement = () => import("../features/procurement/index.js");

const routes: RouteObject[] = [
  {
    errorElement: <RouteError />,
    children: [
      {
        Component: AuthLayout,
        children: [
          { path: "/login", ...page(auth, "LoginPage") },
          { path: "/login/two-factor", ...page(auth, "TwoFactorCodePage") },
          { path: "/forgot-password", ...page(auth, "ForgotPasswordPage") },
          { path: "/reset-password/:token", ...page(auth, "ResetPasswordPage") },
          { path: "/invitation/:token", ...page(auth, "InvitationPage") },
          { path: "/two-factor-setup", ...page(auth, "TwoFactorSetupPage") },
        ],
      },
      {
        Component: RequireSession,
        children: [
          {
            Component: AppLayout,
            children: [
              { index: true, ...page(() => import("../features/home/home-page.js"), "HomePage") },
              { path: "/bodies", ...page(bodies, "BodyListPage") },
              { path: "/bodies/new", ...page(bodies, "BodyCreatePage") },
              { path: "/bodies/:id", ...page(bodies, "BodyDetailPage") },
              { path: "/bodies/:id/edit", ...page(bodies, "BodyEditPage") },
              { path: "/meetings", ...page(meetings, "MeetingListPage") },
              { path: "/meetings/new", ...page(meetings, "MeetingCreatePage") },
              { path: "/decisions", ...page(meetings, "DecisionsPage") },
              { path: "/meetings/:id", ...page(meetings, "MeetingDetailPage") },
              { path: "/meetings/:id/edit", ...page(meetings, "MeetingEditPage") },
              { path: "/meetings/:id/minutes", ...page(meetings, "MinutesPage") },
              { path: "/meetings/:id/minutes/review", ...page(councilYear, "MinutesReviewPage") },
              { path: "/year-plan", ...page(councilYear, "YearPlanPage") },
              { path: "/insight", ...page(insight, "InsightPage") },
              { path: "/insight/rules", ...page(insight, "RulesPage") },
              { path: "/insight/radar", ...page(insight, "RadarPage") },
              { path: "/insight/radar/backtest", ...page(insight, "RadarBacktestPage") },
              { path: "/insight/report", ...page(insight, "ReportPage") },
              { path: "/insight/meetings/:id", ...page(insight, "SuggestionsPage") },
              { path: "/year-plan/:fy", ...page(councilYear, "YearPlanPage") },
              { path: "/date-polls", ...page(councilYear, "PollListPage") },
              { path: "/date-polls/new", ...page(councilYear, "PollCreatePage") },
              { path: "/date-polls/:id", ...page(councilYear, "PollDetailPage") },
              { path: "/meetings/:id/publication", ...page(publication, "MeetingPublicationPage") },
              { path: "/publication", ...page(publication, "PublicSitePage") },
              { path: "/notices", ...page(notices, "NoticeListPage") },
              { path: "/notices/new", ...page(notices, "NoticeCreatePage") },
              { path: "/notices/:id", ...page(notices, "NoticeDetailPage") },
              { path: "/notices/:id/edit", ...page(notices, "NoticeEditPage") },
              { path: "/documents", ...page(documents, "DocumentLibraryPage") },
              { path: "/documents/upload", ...page(documents, "DocumentUploadPage") },
              { path: "/documents/:id", ...page(documents, "DocumentDetailPage") },
              { path: "/challenges", ...page(challenges, "ChallengeBoardPage") },
              { path: "/challenges/new", ...page(challenges, "ChallengeCreatePage") },
              { path: "/challenges/:id", ...page(challenges, "ChallengeDetailPage") },
              { path: "/challenges/:id/edit", ...page(challenges, "ChallengeEditPage") },
              { path: "/procurement", ...page(procurement, "ProjectListPage") },
              { path: "/procurement/projects/:id", ...page(procurement, "ProjectDetailPage") },
              { path: "/procurement/scenarios/:id", ...page(procurement, "ScenarioPage") },
              { path: "/search", ...page(() => import("../features/search/index.js"), "SearchPage") },
              { path: "/consultations", ...page(desk, "QueuePage") },
              { path: "/consultations/new", ...page(desk, "NewConsultationPage") },
              { path: "/consultations/reports", ...page(desk, "ReportsPage") },
              { path: "/consultations/templates", ...page(desk, "TemplatesPage") },
              { path: "/consultations/:id", ...page(desk, "ConsultationDetailPage") },
              { path: "/faq", ...page(faq, "FaqListPage") },
              { path: "/faq/new", ...page(faq, "FaqNewPage") },
              { path: "/faq/:id", ...page(faq, "FaqDetailPage") },
              { path: "/support", ...page(support, "SupportListPage") },
              { path: "/support/new", ...page(support, "SupportNewPage") },
              { path: "/support/workload", ...page(support, "WorkloadPage") },
              { path: "/support/:id", ...page(support, "SupportDetailPage") },
              { path: "/progress", ...page(progress, "DashboardPage") },
              { path: "/progress/import", ...page(progress, "ImportPage") },
              { path: "/progress/manage", ...page(progress, "ManagePage") },
              { path: "/progress/items/:itemId", ...page(progress, "ItemProgressPage") },
              { path: "/progress/items/:itemId/timeline", ...page(progress, "ItemTimelinePage") },
              { path: "/progress/orgs/:orgId", ...page(progress, "OrgProgressPage") },
              { path: "/progress/orgs/:orgId/timeline", ...page(progress, "OrgTimelinePage") },
              { path: "/progress/orgs/:orgId/items/:itemId", ...page(progress, "RecordPage") },
              { path: "/surveys", ...page(surveys, "SurveyListPage") },
              { path: "/surveys/:id", ...page(surveys, "SurveyDetailPage") },
              { path: "/surveys/:id/edit", ...page(surveys, "SurveyEditPage") },
              { path: "/surveys/:id/status", ...page(surveys, "SurveyStatusPage") },
              { path: "/surveys/:id/results", ...page(surveys, "SurveyResultsPage") },
              { path: "/surveys/:id/progress", ...page(surveys, "SurveyProgressPage") },
              { path: "/surveys/:id/answers/:orgId", ...page(surveys, "AnswerViewPage") },
              { path: "/orgs", ...page(orgs, "OrgListPage") },
              { path: "/orgs/new", ...page(orgs, "OrgCreatePage") },
              { path: "/orgs/import", ...page(orgs, "OrgImportPage") },
              { path: "/orgs/:id", ...page(orgs, "OrgDetailPage") },
              { path: "/orgs/:id/edit", ...page(orgs, "OrgEditPage") },
              { path: "/users", ...page(users, "UserListPage") },
              { path: "/users/new", ...page(users, "UserInvitePage") },
              { path: "/users/import", ...page(users, "UserImportPage") },
              { path: "/handover", ...page(handover, "HandoverPage") },
              { path: "/handover/mine", ...page(handover, "HandoverMinePage") },
              { path: "/users/:id", ...page(users, "UserDetailPage") },
              { path: "/audit", ...page(() => import("../features/audit/audit-page.js"), "AuditPage") },
              {
                path: "/notifications",
                ...page(() => import("../features/notifications/notifications-page.js"), "NotificationsPage"),
              },
              { path: "/account", ...page(account, "AccountPage") },
              { path: "/admin/outbox", ...page(admin, "OutboxPage") },
              { path: "/admin/accounts", ...page(account, "DormantAccountsPage") },
              { path: "/admin/directory", ...page(directory, "DirectoryPage") },
              { path: "/admin/accounts/:id/sessions", ...page(account, "UserSessionsPage") },
              { path: "/admin/settings", ...page(admin, "SettingsPage") },
              { path: "*", Component: NotFoundPage },
            ],
          },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
