// Response and input types inferred from the shared Zod contracts (type-only: no runtime cost).
import type { z } from "zod";
import type { auditEntry, auditQuery } from "../../shared/api/audit.js";
import type { invitationInfo, loginResponse, meResponse, totpSetup } from "../../shared/api/auth.js";
import type { body, bodyDetail, bodyInput, member, memberInput, memberPatch } from "../../shared/api/bodies.js";
import type { handoverBatch, handoverLetter } from "../../shared/api/handover.js";
import type { deliveryModes, notification, outboxItem, prefs } from "../../shared/api/notifications.js";
import type { org, orgImportResult, orgInput, orgKinds } from "../../shared/api/orgs.js";
import type { settingsSchema } from "../../shared/api/settings.js";
import type { inviteInput, user, userImportResult, userPatch, userStatuses } from "../../shared/api/users.js";

export interface ListOf<T> {
  items: T[];
  total?: number;
}

export type Me = z.infer<typeof meResponse>;
export type LoginResponse = z.infer<typeof loginResponse>;
export type TotpSetup = z.infer<typeof totpSetup>;
export type InvitationInfo = z.infer<typeof invitationInfo>;

export type Org = z.infer<typeof org>;
export type OrgKind = (typeof orgKinds)[number];
export type OrgInput = z.input<typeof orgInput>;
export type OrgImportResult = z.infer<typeof orgImportResult>;

export type User = z.infer<typeof user>;
export type UserStatus = (typeof userStatuses)[number];
export type InviteInput = z.input<typeof inviteInput>;
export type UserPatch = z.input<typeof userPatch>;
export type UserImportResult = z.infer<typeof userImportResult>;

export type Body = z.infer<typeof body>;
export type BodyDetail = z.infer<typeof bodyDetail>;
export type Member = z.infer<typeof member>;
export type BodyInput = z.input<typeof bodyInput>;
export type MemberInput = z.input<typeof memberInput>;
export type MemberPatch = z.input<typeof memberPatch>;

export type Notification = z.infer<typeof notification>;
export type OutboxItem = z.infer<typeof outboxItem>;
export type Prefs = z.infer<typeof prefs>;
export type DeliveryMode = (typeof deliveryModes)[number];

export type AuditEntry = z.infer<typeof auditEntry>;
export type AuditQuery = Partial<z.input<typeof auditQuery>>;

export type Settings = z.infer<typeof settingsSchema>;

export type HandoverBatch = z.infer<typeof handoverBatch>;
export type HandoverLetter = z.infer<typeof handoverLetter>;
