import type { Migration } from "kysely/migration";
import * as m0001 from "./0001-foundation.js";
import * as m0002 from "./0002-files.js";
import * as m0100 from "./0100-meetings.js";
import * as m0200 from "./0200-progress.js";
import * as m0300 from "./0300-surveys.js";
import * as m0301 from "./0301-survey-progress.js";
import * as m0400 from "./0400-desk.js";
import * as m0500 from "./0500-search.js";
import * as m0501 from "./0501-search-plan.js";
import * as m0502 from "./0502-search-short-terms.js";
import * as m0510 from "./0510-notices.js";
import * as m0520 from "./0520-documents.js";
import * as m0530 from "./0530-challenges.js";
import * as m0620 from "./0620-mail-attachments.js";
import * as m0630 from "./0630-auth-hardening.js";
import * as m0640 from "./0640-audit-chain.js";
import * as m0650 from "./0650-reference-version.js";
import * as m0651 from "./0651-list-indexes.js";
import * as m0670 from "./0670-org-contacts.js";
import * as m0680 from "./0680-daily-use.js";
import * as m0710 from "./0710-progress-totals.js";
import * as m0711 from "./0711-queue-indexes.js";
import * as m0712 from "./0712-queue-subject.js";
import * as m0740 from "./0740-procurement.js";
import * as m0750 from "./0750-survey-workbooks.js";
import * as m0751 from "./0751-survey-relays.js";
import * as m0752 from "./0752-answer-checks.js";
import * as m0755 from "./0755-desk-intake.js";
import * as m0756 from "./0756-consultation-support.js";
import * as m0757 from "./0757-time-entries.js";
import * as m0760 from "./0760-council-year.js";
import * as m0761 from "./0761-minutes-review.js";
import * as m0765 from "./0765-disclosure.js";
import * as m0766 from "./0766-body-spaces.js";
import * as m0767 from "./0767-person-contacts.js";
import * as m0770 from "./0770-meeting-reminders.js";
import * as m0771 from "./0771-open-reviews.js";
import * as m0772 from "./0772-agenda-referrals.js";
import * as m0780 from "./0780-sso.js";
import * as m0781 from "./0781-account-hygiene.js";
import * as m0790 from "./0790-handover.js";
import * as m0791 from "./0791-handover-indexes.js";
import * as m0800 from "./0800-insight.js";
import * as m0801 from "./0801-digital-staff.js";
import * as m0820 from "./0820-progress-exports.js";
import * as m0845 from "./0845-desk-window-index.js";
import * as m0865 from "./0865-mail-in.js";
import * as m0870 from "./0870-review-answers.js";
import * as m0880 from "./0880-progress-version.js";
import * as m0890 from "./0890-insight-reports.js";
import * as m0895 from "./0895-progress-targets.js";
import * as m0896 from "./0896-national-target-procedures.js";
import * as m0900 from "./0900-saml-requests.js";
import * as m0910 from "./0910-members-search-scope.js";
import * as m0920 from "./0920-search-short-grams.js";
import * as m0921 from "./0921-progress-past-version.js";
import * as m0930 from "./0930-progress-step-history.js";
import * as m0935 from "./0935-progress-online-counts.js";
import * as m0940 from "./0940-metric-pct-rule.js";
import * as m0950 from "./0950-table-versions.js";
import * as m0960 from "./0960-more-table-versions.js";
import * as m0970 from "./0970-sign-in-failures.js";
import * as m0980 from "./0980-progress-month-starts.js";
import * as m0990 from "./0990-progress-history-org.js";
import * as m0995 from "./0995-progress-org-days-month.js";
import * as m1000 from "./1000-change-notify.js";
import * as m1010 from "./1010-progress-dues-runs.js";
import * as m1020 from "./1020-progress-online-in-month-index.js";
import * as m1030 from "./1030-progress-cells-by-slot.js";

/** Every migration, in order. Feature issues append their own file here. */
export const migrations: Record<string, Migration> = {
  "0001-foundation": m0001,
  "0002-files": m0002,
  "0500-search": m0500,
  "0501-search-plan": m0501,
  "0502-search-short-terms": m0502,
  "0510-notices": m0510,
  "0520-documents": m0520,
  "0530-challenges": m0530,
  "0100-meetings": m0100,
  "0400-desk": m0400,
  "0300-surveys": m0300,
  "0301-survey-progress": m0301,
  "0200-progress": m0200,
  "0650-reference-version": m0650,
  "0651-list-indexes": m0651,
  "0670-org-contacts": m0670,
  "0630-auth-hardening": m0630,
  "0640-audit-chain": m0640,
  "0680-daily-use": m0680,
  "0710-progress-totals": m0710,
  "0711-queue-indexes": m0711,
  "0712-queue-subject": m0712,
  "0620-mail-attachments": m0620,
  "0740-procurement": m0740,
  "0760-council-year": m0760,
  "0765-disclosure": m0765,
  "0766-body-spaces": m0766,
  "0767-person-contacts": m0767,
  "0750-survey-workbooks": m0750,
  "0751-survey-relays": m0751,
  "0752-answer-checks": m0752,
  "0761-minutes-review": m0761,
  "0755-desk-intake": m0755,
  "0756-consultation-support": m0756,
  "0757-time-entries": m0757,
  "0770-meeting-reminders": m0770,
  "0771-open-reviews": m0771,
  "0790-handover": m0790,
  "0780-sso": m0780,
  "0800-insight": m0800,
  "0820-progress-exports": m0820,
  "0791-handover-indexes": m0791,
  "0772-agenda-referrals": m0772,
  "0781-account-hygiene": m0781,
  "0801-digital-staff": m0801,
  "0845-desk-window-index": m0845,
  "0865-mail-in": m0865,
  "0870-review-answers": m0870,
  "0880-progress-version": m0880,
  "0890-insight-reports": m0890,
  "0895-progress-targets": m0895,
  "0896-national-target-procedures": m0896,
  "0900-saml-requests": m0900,
  "0910-members-search-scope": m0910,
  "0920-search-short-grams": m0920,
  "0921-progress-past-version": m0921,
  "0930-progress-step-history": m0930,
  "0935-progress-online-counts": m0935,
  "0940-metric-pct-rule": m0940,
  "0950-table-versions": m0950,
  "0960-more-table-versions": m0960,
  "0970-sign-in-failures": m0970,
  "0980-progress-month-starts": m0980,
  "0990-progress-history-org": m0990,
  "0995-progress-org-days-month": m0995,
  "1000-change-notify": m1000,
  "1010-progress-dues-runs": m1010,
  "1020-progress-online-in-month-index": m1020,
  "1030-progress-cells-by-slot": m1030,
};
