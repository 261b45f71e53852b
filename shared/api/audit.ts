import { z } from "zod";
import { pageQuery } from "./paging.js";

export const auditQuery = z.object({
  actorUserId: z.uuid().optional(),
  orgId: z.uuid().optional(),
  event: z.string().max(100).optional(),
  subjectType: z.string().max(50).optional(),
  subjectId: z.string().max(100).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  ...pageQuery.shape,
});

export const auditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  orgName: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  event: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  changes: z.unknown(),
});
