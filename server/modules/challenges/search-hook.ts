import type { Ctx } from "../../platform/context.js";
import { indexEntry, removeEntry } from "../search/index.js";
import { findChallengeRow, listCommentRows } from "./repo.js";

/** A challenge is found by its text, theme, resolution and the comments and solutions others shared. */
export async function indexChallenge(ctx: Ctx, id: string): Promise<void> {
  const row = await findChallengeRow(ctx, id);
  if (!row) return removeEntry(ctx, "challenge", id);
  const comments = await listCommentRows(ctx, id);
  await indexEntry(ctx, {
    kind: "challenge",
    refId: id,
    title: row.title,
    text: [row.theme ?? "", row.description, row.resolution ?? "", ...comments.map((c) => c.body_md)].join("\n"),
    date: row.created_at,
    link: `/challenges/${id}`,
    scope: row.body_id ? { type: "body", bodyId: row.body_id } : { type: "all" },
  });
}
