import type { z } from "zod";
import type { FaqArticle, faqInput, faqPatch, faqQuery } from "../../../shared/api/faq.js";
import { diff, recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, isPrefectureStaff, newId, nowIso } from "../../platform/context.js";
import { conflict, invalid, notFound } from "../../platform/errors.js";
import { abilities, authorize, can } from "../../platform/policy/authorize.js";
import { renderMarkdown } from "../../platform/text/markdown.js";
import { askingOrgOf, staffRepliesOf, visibleConsultation } from "../consultations/service.js";
import { indexEntry, removeEntry } from "../search/index.js";
import { anonymise, findIdentifying, type IdentifyingTerms, termsFor } from "./anonymise.js";
import "./policy.js";
import {
  deleteArticle,
  type FaqRow,
  type FaqWithReviewer,
  findArticle,
  insertArticle,
  listArticles,
  updateArticle,
} from "./repo.js";
import { suggestArticles } from "./suggest.js";

const noTerms: IdentifyingTerms = { orgNames: [], orgPlaceholder: "", personNames: [] };

/** What identifies the source consultation's organisation and people (empty for an article written from scratch). */
async function identifyingTerms(ctx: Ctx, consultationId: string | null): Promise<IdentifyingTerms> {
  if (!consultationId) return noTerms;
  const asking = await askingOrgOf(ctx, consultationId);
  if (!asking) return noTerms;
  return termsFor(asking.org, asking.people);
}

async function present(ctx: Ctx, row: FaqWithReviewer): Promise<FaqArticle> {
  const staff = isPrefectureStaff(ctx.actor);
  return {
    id: row.id,
    category: row.category,
    question: row.question,
    answer: row.answer,
    answerHtml: renderMarkdown(row.answer),
    status: row.status,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    review: staff
      ? {
          sourceConsultationId: row.source_consultation_id,
          reviewedBy: row.reviewer_name,
          reviewedAt: row.reviewed_at,
          findings: findIdentifying(row, await identifyingTerms(ctx, row.source_consultation_id)),
        }
      : null,
    abilities: abilities(ctx.actor, row, {
      canEdit: "faq.manage",
      canPublish: "faq.publish",
      canUnpublish: "faq.unpublish",
      canDelete: "faq.manage",
    }),
  };
}

export async function listFaq(ctx: Ctx, q: z.infer<typeof faqQuery>) {
  authorize(ctx.actor, "faq.suggest");
  const staff = isPrefectureStaff(ctx.actor);
  const statuses: FaqRow["status"][] =
    !staff || !q.status
      ? staff
        ? ["draft", "published"]
        : ["published"]
      : q.status === "all"
        ? ["draft", "published"]
        : [q.status];
  const { rows, total } = await listArticles(ctx, { statuses, category: q.category, q: q.q, limit: q.limit, offset: q.offset });
  const items = await Promise.all(
    rows.map(async (r) => {
      const { answer, answerHtml: _html, ...rest } = await present(ctx, r);
      return { ...rest, excerpt: answer.replace(/\s+/g, " ").slice(0, 120) };
    }),
  );
  return { items, total, abilities: { canCreate: can(ctx.actor, "faq.manage") } };
}

/** An article the actor may read: drafts answer 404 to everyone but prefecture staff. */
async function visibleArticle(ctx: Ctx, id: string) {
  const row = await findArticle(ctx, id);
  if (!row || !can(ctx.actor, "faq.read", row)) {
    authorize(ctx.actor, "faq.suggest");
    throw notFound("FAQ");
  }
  return row;
}

export const getFaq = async (ctx: Ctx, id: string) => present(ctx, await visibleArticle(ctx, id));

async function createDraft(
  ctx: Ctx,
  input: z.infer<typeof faqInput>,
  sourceId: string | null,
  event: "faq.create" | "faq.createFromConsultation",
) {
  const now = nowIso();
  const row: FaqRow = {
    id: newId(),
    ...input,
    status: "draft",
    source_consultation_id: sourceId,
    reviewed_by: null,
    reviewed_at: null,
    published_at: null,
    created_by: ctx.actor!.userId,
    created_at: now,
    updated_at: now,
  };
  await insertArticle(ctx, row);
  await recordAudit(ctx, event, { type: "faq", id: row.id }, { question: input.question, sourceConsultationId: sourceId });
  return row.id;
}

export async function createFaq(ctx: Ctx, input: z.infer<typeof faqInput>) {
  authorize(ctx.actor, "faq.manage");
  const id = await inTx(ctx, (tx) => createDraft(tx, input, null, "faq.create"));
  return getFaq(ctx, id);
}

/** A draft from a resolved consultation, with the organisation's and people's names already replaced. */
export async function createFromConsultation(ctx: Ctx, consultationId: string) {
  authorize(ctx.actor, "faq.manage");
  const id = await inTx(ctx, async (tx) => {
    const c = await visibleConsultation(tx, consultationId);
    if (c.status !== "resolved" && c.status !== "closed")
      throw conflict("FAQにできるのは解決済みまたは完了の相談です。回答してから作成してください。");
    const replies = await staffRepliesOf(tx, consultationId);
    const terms = await identifyingTerms(tx, consultationId);
    const answer = `【ご相談の概要】\n${c.body}\n\n【回答】\n${replies.join("\n\n") || "（回答を記入してください）"}`;
    return createDraft(
      tx,
      { category: c.category, question: anonymise(c.subject, terms), answer: anonymise(answer, terms) },
      consultationId,
      "faq.createFromConsultation",
    );
  });
  return getFaq(ctx, id);
}

async function reindex(ctx: Ctx, id: string) {
  const row = await findArticle(ctx, id);
  if (row?.status === "published")
    await indexEntry(ctx, {
      kind: "faq",
      refId: id,
      title: row.question,
      text: row.answer,
      date: row.published_at,
      link: `/faq/${id}`,
      scope: { type: "all" },
    });
  else await removeEntry(ctx, "faq", id);
}

export async function updateFaq(ctx: Ctx, id: string, patch: z.infer<typeof faqPatch>) {
  await inTx(ctx, async (tx) => {
    const before = await visibleArticle(tx, id);
    authorize(tx.actor, "faq.manage");
    await updateArticle(tx, id, { ...patch, updated_at: nowIso() });
    await recordAudit(tx, "faq.update", { type: "faq", id }, diff(before, patch));
    await reindex(tx, id);
  });
  return getFaq(ctx, id);
}

/** Publication after review: refused while the text still names the organisation or its people. */
export async function publishFaq(ctx: Ctx, id: string) {
  await inTx(ctx, async (tx) => {
    const row = await visibleArticle(tx, id);
    authorize(tx.actor, "faq.publish", row);
    const findings = findIdentifying(row, await identifyingTerms(tx, row.source_consultation_id));
    if (findings.length)
      throw invalid(
        `団体名や個人を特定できる情報が残っています（${findings.map((f) => f.term).join("、")}）。置き換えてから公開してください。`,
        findings.map((f) => ({ path: f.field, message: `「${f.term}」を置き換えてください` })),
      );
    const now = nowIso();
    await updateArticle(tx, id, {
      status: "published",
      reviewed_by: tx.actor.userId,
      reviewed_at: now,
      published_at: now,
      updated_at: now,
    });
    await recordAudit(tx, "faq.publish", { type: "faq", id }, { reviewedBy: tx.actor.userId });
    await reindex(tx, id);
  });
  return getFaq(ctx, id);
}

export async function unpublishFaq(ctx: Ctx, id: string) {
  await inTx(ctx, async (tx) => {
    const row = await visibleArticle(tx, id);
    authorize(tx.actor, "faq.unpublish", row);
    await updateArticle(tx, id, { status: "draft", updated_at: nowIso() });
    await recordAudit(tx, "faq.unpublish", { type: "faq", id });
    await reindex(tx, id);
  });
  return getFaq(ctx, id);
}

export async function removeFaq(ctx: Ctx, id: string) {
  await inTx(ctx, async (tx) => {
    const row = await visibleArticle(tx, id);
    authorize(tx.actor, "faq.manage");
    await deleteArticle(tx, id);
    await removeEntry(tx, "faq", id);
    await recordAudit(tx, "faq.delete", { type: "faq", id }, { question: row.question });
  });
}

export async function suggestFaq(ctx: Ctx, text: string) {
  authorize(ctx.actor, "faq.suggest");
  return {
    items: (await suggestArticles(ctx, text)) as { id: string; question: string; category: FaqRow["category"]; score: number }[],
  };
}
