import {
  commonPlaceholders,
  type MailTemplateKey,
  type MailTemplateText,
  mailTemplateDefaults,
  mailTemplateKeys,
} from "../../../shared/api/mail-templates.js";
import { jstDate } from "../../../shared/dates/jst.js";
import { warekiDate } from "../../../shared/dates/wareki.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx } from "../../platform/context.js";
import { invalid } from "../../platform/errors.js";
import { type ActionsOf, authorize, definePolicies, type Policies } from "../../platform/policy/authorize.js";
import { runsCouncil } from "../../platform/policy/predicates.js";
import { prefectureWithContact } from "../orgs/index.js";
import { deleteSetting, findSettingValue, upsertSetting } from "../settings/index.js";

const policies = {
  "mail.templates": runsCouncil,
} satisfies Policies;
definePolicies(policies);
declare module "../../platform/policy/authorize.js" {
  interface Actions extends ActionsOf<typeof policies> {}
}

const settingKey = (key: MailTemplateKey) => `mailTemplate:${key}`;

/** The prefecture's text of one template, or the built-in one. */
export async function loadTemplate(ctx: Ctx, key: MailTemplateKey): Promise<MailTemplateText & { customised: boolean }> {
  const stored = await findSettingValue(ctx, settingKey(key));
  if (stored) return { ...(JSON.parse(stored) as MailTemplateText), customised: true };
  const d = mailTemplateDefaults[key];
  return { subject: d.subject, body: d.body, customised: false };
}

export async function listTemplates(ctx: Ctx) {
  authorize(ctx.actor, "mail.templates");
  const items = [];
  for (const key of mailTemplateKeys) {
    const t = await loadTemplate(ctx, key);
    const d = mailTemplateDefaults[key];
    items.push({ key, label: d.label.ja, placeholders: [...d.placeholders, ...commonPlaceholders], ...t });
  }
  return { items };
}

/** Placeholders a text uses that its template does not offer (a typo would otherwise go out as 「{会議明}」). */
function unknownPlaceholders(key: MailTemplateKey, text: MailTemplateText): string[] {
  const offered = new Set<string>([...mailTemplateDefaults[key].placeholders, ...commonPlaceholders]);
  const used = [...`${text.subject}\n${text.body}`.matchAll(/\{([^{}\s]+)\}/g)].map((m) => m[1]!);
  return [...new Set(used.filter((u) => !offered.has(u)))];
}

export function checkTemplate(key: MailTemplateKey, text: MailTemplateText, path = "body") {
  const unknown = unknownPlaceholders(key, text);
  if (unknown.length)
    throw invalid(
      `使えない差し込み項目があります：${unknown.map((u) => `{${u}}`).join("、")}。一覧にある項目だけを使ってください。`,
      [{ path, message: `使えない差し込み項目：${unknown.map((u) => `{${u}}`).join("、")}` }],
    );
}

export async function saveTemplate(ctx: Ctx, key: MailTemplateKey, text: MailTemplateText) {
  authorize(ctx.actor, "mail.templates");
  checkTemplate(key, text);
  return inTx(ctx, async (tx) => {
    const before = await loadTemplate(tx, key);
    await upsertSetting(tx, settingKey(key), JSON.stringify({ subject: text.subject, body: text.body }));
    await recordAudit(tx, "mail.template.update", { type: "mailTemplate", id: null }, { key, before, after: text });
    return listTemplates(tx);
  });
}

export async function resetTemplate(ctx: Ctx, key: MailTemplateKey) {
  authorize(ctx.actor, "mail.templates");
  return inTx(ctx, async (tx) => {
    await deleteSetting(tx, settingKey(key));
    await recordAudit(tx, "mail.template.reset", { type: "mailTemplate", id: null }, { key });
    return listTemplates(tx);
  });
}

/** The sender of official mail: the prefecture (the platform's operator) and its contact data. */
export async function sender(ctx: Ctx): Promise<{ from: string; contact: string }> {
  const pref = await prefectureWithContact(ctx);
  if (!pref) return { from: "連携会議 事務局", contact: "連携会議 事務局" };
  const from = [pref.name, pref.department].filter(Boolean).join("　");
  const lines = [
    from,
    pref.person ? `担当：${pref.person}` : "",
    pref.address ? `所在地：${pref.address}` : "",
    pref.phone ? `電話：${pref.phone}` : "",
    pref.email ? `メール：${pref.email}` : "",
  ].filter(Boolean);
  return { from, contact: lines.join("\n") };
}

export interface Recipient {
  name: string;
  orgName: string;
}

/** 「山口市\n山口 太郎 様」: the recipient's organisation and name, as the letter's 宛名. */
const addressee = (r: Recipient) => `${r.orgName ? `${r.orgName}\n` : ""}${r.name} 様`;

/** Fills {名前} with the values; a name without a value becomes empty. */
const fill = (text: string, vars: Record<string, string>) => text.replace(/\{([^{}\s]+)\}/g, (_, k: string) => vars[k] ?? "");

export interface MailSpec {
  template: MailTemplateKey;
  /** The template's own placeholders (会議名, 期限 …), already formatted (和暦 with weekday). */
  vars: Record<string, string>;
  /** This sending only: the text adjusted after the preview (announcements). */
  override?: MailTemplateText;
}

/** A composer for one mail kind: loads the text and the sender once, then fills it per recipient. */
export async function mailComposer(ctx: Ctx, spec: MailSpec) {
  const text = spec.override ?? (await loadTemplate(ctx, spec.template));
  const from = await sender(ctx);
  const link = spec.vars.リンク ?? "";
  return (r: Recipient, perRecipient: Record<string, string> = {}) => {
    const vars = {
      ...spec.vars,
      ...perRecipient,
      宛名: addressee(r),
      差出人: from.from,
      連絡先: from.contact,
      本日: warekiDate(jstDate()),
      リンク: perRecipient.リンク ?? link,
    };
    return { subject: fill(text.subject, vars).replace(/\s+/g, " ").trim(), text: fill(text.body, vars) };
  };
}
