import type { App } from "../platform/http/types.js";
import { auditRoutes } from "./audit/routes.js";
import { authRoutes } from "./auth/routes.js";
import { bodyRoutes } from "./bodies/routes.js";
import { challengeRoutes } from "./challenges/routes.js";
import { consultationRoutes } from "./consultations/routes.js";
import { documentRoutes } from "./documents/routes.js";
import { faqRoutes } from "./faq/routes.js";
import { homeRoutes } from "./home/routes.js";
import { meetingRoutes } from "./meetings/routes.js";
import { minutesDocRoutes } from "./meetings/routes-minutes-docs.js";
import { noticeRoutes } from "./notices/routes.js";
import { notificationRoutes } from "./notifications/routes.js";
import { mailTemplateRoutes } from "./notifications/template-routes.js";
import { orgContactRoutes } from "./orgs/contact.js";
import { orgRoutes } from "./orgs/routes.js";
import { progressRoutes } from "./progress/routes.js";
import { richTextRoutes } from "./rich-text/routes.js";
import { searchRoutes } from "./search/routes.js";
import { settingsRoutes } from "./settings/routes.js";
import { supportRoutes } from "./support/routes.js";
import { surveyRoutes } from "./surveys/routes.js";
import { userRoutes } from "./users/routes.js";

/** Every feature module's routes, mounted under /api. */
export async function registerModules(app: App) {
  authRoutes(app);
  settingsRoutes(app);
  orgRoutes(app);
  userRoutes(app);
  bodyRoutes(app);
  meetingRoutes(app);
  homeRoutes(app);
  auditRoutes(app);
  notificationRoutes(app);
  searchRoutes(app);
  noticeRoutes(app);
  documentRoutes(app);
  challengeRoutes(app);
  consultationRoutes(app);
  faqRoutes(app);
  supportRoutes(app);
  surveyRoutes(app);
  progressRoutes(app);
  richTextRoutes(app);
  mailTemplateRoutes(app);
  orgContactRoutes(app);
  minutesDocRoutes(app);
}
