import type { z } from "zod";
import type { ConsultationChannel, consultationInput } from "../../../shared/api/consultations.js";
import type { FieldIssue } from "../../../shared/errors.js";
import type { Ctx } from "../../platform/context.js";
import { type Actor, isPrefectureStaff } from "../../platform/context.js";
import { forbidden, invalid } from "../../platform/errors.js";
import { orgRowById } from "../orgs/service.js";
import { userRowById } from "../users/service.js";

export interface Intake {
  orgId: string;
  channel: ConsultationChannel;
  askerName: string;
  askerUserId: string | null;
  /** Filed by prefecture staff for the town (the town's asker hears that the desk registered it). */
  onBehalf: boolean;
}

/**
 * A town's user who mailed the desk's address files for their own organisation, by mail; prefecture
 * staff have no organisation to ask for (they file for a town on screen, naming it).
 */
export function mailIntakeOf(actor: Actor): Intake {
  if (actor.role !== "municipal")
    throw forbidden(
      "県の職員のメールからは新しい相談を登録できません。市町に代わって登録するときは画面から団体を選んで登録してください。",
    );
  return { orgId: actor.orgId, channel: "mail", askerName: actor.name, askerUserId: actor.userId, onBehalf: false };
}

/**
 * Whose consultation this is and how it reached the desk. A town files its own, through the portal;
 * prefecture staff file for a municipality, naming the channel (phone, mail, visit, meeting) and who asked.
 */
export async function intakeOf(ctx: Ctx, actor: Actor, input: z.infer<typeof consultationInput>): Promise<Intake> {
  if (!isPrefectureStaff(actor)) {
    if (input.orgId && input.orgId !== actor.orgId)
      throw forbidden("他の団体の相談は登録できません。自団体の相談として登録してください。");
    if (input.channel !== "portal" || input.askerUserId)
      throw invalid("受付方法と相談者は県の職員が代理で登録するときだけ指定できます。", [
        { path: "channel", message: "市町からの相談はポータルで受け付けます" },
      ]);
    return { orgId: actor.orgId, channel: "portal", askerName: "", askerUserId: null, onBehalf: false };
  }
  const issues: FieldIssue[] = [];
  if (!input.orgId) issues.push({ path: "orgId", message: "相談した団体を選んでください" });
  if (input.channel === "portal")
    issues.push({ path: "channel", message: "受付方法（電話・メール・来庁・会議）を選んでください" });
  const org = input.orgId ? await orgRowById(ctx, input.orgId) : undefined;
  if (input.orgId && (!org || org.kind === "prefecture"))
    issues.push({ path: "orgId", message: "相談した市町を一覧から選んでください" });
  const asker = input.askerUserId ? await userRowById(ctx, input.askerUserId) : undefined;
  if (input.askerUserId && (!asker || asker.org_id !== input.orgId || asker.status !== "active"))
    issues.push({ path: "askerUserId", message: "相談者は選んだ団体の利用者から選んでください" });
  const askerName = input.askerName || asker?.name || "";
  if (!askerName) issues.push({ path: "askerName", message: "相談者の氏名を入力してください" });
  if (issues.length) throw invalid(`代理で登録する相談の入力に誤りがあります：${issues[0]!.message}`, issues);
  return { orgId: input.orgId!, channel: input.channel, askerName, askerUserId: asker?.id ?? null, onBehalf: true };
}
