import type { Ctx } from "../../platform/context.js";
import { indexEntry } from "../search/index.js";
import { type ConsultationRow, replyBodies } from "./repo.js";

/**
 * Keeps a consultation's search entry current: subject, body and the public replies — never the
 * internal notes, since the entry is visible to the filing organisation (scope "org").
 */
export async function indexConsultation(
  ctx: Ctx,
  row: Pick<ConsultationRow, "id" | "org_id" | "subject" | "body" | "created_at">,
) {
  const replies = await replyBodies(ctx, row.id);
  await indexEntry(ctx, {
    kind: "consultation",
    refId: row.id,
    title: row.subject,
    text: [row.body, ...replies].join("\n"),
    date: row.created_at,
    link: `/consultations/${row.id}`,
    scope: { type: "org", orgId: row.org_id },
  });
}
