import { z } from "zod";

/**
 * The texts of every mail the platform sends under the prefecture's name, written as 公用文: 宛名, 差出人,
 * 件名（標題）, 前文, 本文 (記…以上 where it lists items), and the 問合せ先 from the sender's contact data.
 * Placeholders are written {名前}; each template lists the ones it offers. The prefecture may rewrite any
 * template (システム設定), and the 開催通知 can be adjusted for one sending after a preview.
 */
export const mailTemplateKeys = [
  "meeting.announce",
  "meeting.change",
  "meeting.cancel",
  "meeting.attendanceReminder",
  "meeting.proposalReminder",
  "poll.request",
  "poll.reminder",
  "minutesReview.reminder",
  "survey.request",
  "survey.reminder",
  "survey.returned",
  "survey.extended",
  "survey.thanks",
  "desk.reply",
  "desk.question",
  "notice.published",
  "notice.remind",
  "account.invite",
  "account.reset",
  "digest",
  "general",
] as const;
export type MailTemplateKey = (typeof mailTemplateKeys)[number];

/** Offered by every template: filled for each recipient and from the prefecture's contact data. */
export const commonPlaceholders = ["宛名", "差出人", "連絡先", "リンク", "本日"] as const;

const preface = "　平素より、本県のデジタル・ガバメントの推進に格別の御理解と御協力を賜り、厚く御礼申し上げます。";
const head = "{宛名}\n\n{差出人}\n\n";
const foot = "\n\n【問合せ先】\n{連絡先}";

export interface MailTemplateDefault {
  label: { ja: string; en: string };
  placeholders: string[];
  subject: string;
  body: string;
}

export const mailTemplateDefaults: Record<MailTemplateKey, MailTemplateDefault> = {
  "meeting.announce": {
    label: { ja: "開催通知", en: "Meeting notice" },
    placeholders: ["会議名", "日時", "場所", "議題", "出欠期限", "説明"],
    subject: "【開催通知】{会議名}の開催について",
    body: `${head}　　　{会議名}の開催について（通知）\n\n${preface}\n　このことについて、下記のとおり開催しますので、御出席くださいますようお願いします。\n　なお、出欠については、{出欠期限}までに下記のページから御回答ください。\n\n記\n\n１　日時　{日時}\n２　場所　{場所}\n３　議題\n{議題}\n４　出欠の回答期限　{出欠期限}\n\n　会議の詳細・資料・出欠の回答：\n{リンク}\n\n以上${foot}`,
  },
  "meeting.change": {
    label: { ja: "開催日時・場所の変更", en: "Meeting changed" },
    placeholders: ["会議名", "日時", "場所", "変更内容"],
    subject: "【変更】{会議名}の日時・場所の変更について",
    body: `${head}　　　{会議名}の日時・場所の変更について（通知）\n\n${preface}\n　先に通知しました標記の会議について、下記のとおり変更しますので、お知らせします。\n\n記\n\n１　変更後の日時　{日時}\n２　変更後の場所　{場所}\n３　変更内容　{変更内容}\n\n　会議の詳細：\n{リンク}\n\n以上${foot}`,
  },
  "meeting.cancel": {
    label: { ja: "会議の中止", en: "Meeting cancelled" },
    placeholders: ["会議名", "日時", "理由"],
    subject: "【中止】{会議名}の中止について",
    body: `${head}　　　{会議名}の中止について（通知）\n\n${preface}\n　{日時}に開催を予定していました標記の会議は、下記の理由により中止します。\n　御多忙のところ日程を調整いただいたにもかかわらず、誠に申し訳ありません。\n\n記\n\n１　中止の理由　{理由}\n\n　会議のページ：\n{リンク}\n\n以上${foot}`,
  },
  "meeting.attendanceReminder": {
    label: { ja: "出欠の回答の督促", en: "Attendance reminder" },
    placeholders: ["会議名", "日時", "場所", "出欠期限"],
    subject: "【回答のお願い】{会議名}の出欠について",
    body: `${head}　　　{会議名}の出欠の回答について（お願い）\n\n${preface}\n　先に通知しました標記の会議について、現時点で貴団体の出欠の回答を確認できておりません。\n　御多忙のところ恐縮ですが、{出欠期限}までに下記のページから御回答くださいますようお願いします。\n　なお、このメールと行き違いに御回答いただいている場合は、御容赦ください。\n\n記\n\n１　日時　{日時}\n２　場所　{場所}\n３　出欠の回答期限　{出欠期限}\n\n　出欠の回答：\n{リンク}\n\n以上${foot}`,
  },
  "meeting.proposalReminder": {
    label: { ja: "議題提案の締切の案内", en: "Proposal deadline reminder" },
    placeholders: ["会議名", "日時", "提案期限"],
    subject: "【議題提案の締切】{会議名}の議題の提案について",
    body: `${head}　　　{会議名}の議題の提案について（お知らせ）\n\n${preface}\n　標記の会議の議題の提案は、{提案期限}に締め切ります。\n　会議で取り上げたい議題がありましたら、期限までに下記のページから御提案くださいますようお願いします。\n　なお、提案する議題がない場合は、御対応いただく必要はありません。\n\n記\n\n１　日時　{日時}\n２　議題の提案期限　{提案期限}\n\n　議題の提案：\n{リンク}\n\n以上${foot}`,
  },
  "poll.request": {
    label: { ja: "日程調整の依頼", en: "Date poll" },
    placeholders: ["件名", "会議体", "候補日", "期限"],
    subject: "【日程調整】{件名}の開催日程について（照会）",
    body: `${head}　　　{件名}の開催日程について（照会）\n\n${preface}\n　標記の会議の開催日程を調整するため、下記の候補日について貴団体の御都合を{期限}までに御回答くださいますようお願いします。\n\n記\n\n１　会議体　{会議体}\n２　候補日\n{候補日}\n３　回答期限　{期限}\n４　回答の方法　下記のページで、候補日ごとに「○（出席可）」「△（調整中）」「×（出席不可）」を選んでください。\n{リンク}\n\n以上${foot}`,
  },
  "poll.reminder": {
    label: { ja: "日程調整の督促", en: "Date poll reminder" },
    placeholders: ["件名", "期限"],
    subject: "【回答のお願い】{件名}の開催日程について",
    body: `${head}　　　{件名}の開催日程の回答について（お願い）\n\n${preface}\n　先に照会しました標記の会議の日程について、現時点で貴団体からの回答を確認できておりません。\n　御多忙のところ恐縮ですが、{期限}までに下記のページから御回答くださいますようお願いします。\n　なお、このメールと行き違いに御回答いただいている場合は、御容赦ください。\n\n{リンク}${foot}`,
  },
  "minutesReview.reminder": {
    label: { ja: "議事録（案）の確認の督促", en: "Minutes review reminder" },
    placeholders: ["会議名", "開催日", "期限"],
    subject: "【確認のお願い】{会議名}の議事録（案）について",
    body: `${head}　　　{会議名}の議事録（案）の確認について（お願い）\n\n${preface}\n　先に確認を依頼しました標記の会議の議事録（案）について、現時点で貴団体からの確認の完了を確認できておりません。\n　御多忙のところ恐縮ですが、{期限}までに下記のページで貴団体の発言箇所を御確認のうえ、「修正なし」又は「提案を送信して完了」を選んでくださいますようお願いします。\n　なお、このメールと行き違いに御回答いただいている場合は、御容赦ください。\n\n記\n\n１　会議の開催日　{開催日}\n２　確認の期限　{期限}\n\n　議事録（案）の確認：\n{リンク}\n\n以上${foot}`,
  },
  "survey.request": {
    label: { ja: "照会の依頼", en: "Survey request" },
    placeholders: ["照会名", "内容", "期限"],
    subject: "【照会】{照会名}について（依頼）",
    body: `${head}　　　{照会名}について（依頼）\n\n${preface}\n　このことについて、下記のとおり照会しますので、御多忙のところ恐縮ですが、{期限}までに御回答くださいますようお願いします。\n\n記\n\n１　照会の名称　{照会名}\n２　内容\n{内容}\n３　回答期限　{期限}\n４　回答の方法　下記のページから御回答ください。\n{リンク}\n\n以上${foot}`,
  },
  "survey.reminder": {
    label: { ja: "照会の督促", en: "Survey reminder" },
    placeholders: ["照会名", "期限"],
    subject: "【回答のお願い】{照会名}について",
    body: `${head}　　　{照会名}の回答について（お願い）\n\n${preface}\n　先に依頼しました標記の照会について、現時点で貴団体からの回答を確認できておりません。\n　御多忙のところ恐縮ですが、{期限}までに下記のページから御回答くださいますようお願いします。\n　なお、このメールと行き違いに御回答いただいている場合は、御容赦ください。\n\n{リンク}${foot}`,
  },
  "survey.returned": {
    label: { ja: "回答の差し戻し", en: "Answer returned" },
    placeholders: ["照会名", "コメント", "期限"],
    subject: "【再提出のお願い】{照会名}の回答について",
    body: `${head}　　　{照会名}の回答の再提出について（お願い）\n\n${preface}\n　先日は標記の照会に御回答いただき、ありがとうございました。\n　内容を確認しましたところ、下記の点について確認をお願いしたい事項がありますので、修正のうえ、{期限}までに再度提出くださいますようお願いします。\n\n記\n\n{コメント}\n\n　回答のページ：\n{リンク}\n\n以上${foot}`,
  },
  "survey.extended": {
    label: { ja: "回答期限の延長", en: "Deadline extended" },
    placeholders: ["照会名", "期限"],
    subject: "【期限延長】{照会名}の回答期限について",
    body: `${head}　　　{照会名}の回答期限の延長について（通知）\n\n${preface}\n　標記の照会について、貴団体の回答期限を{期限}まで延長しましたので、お知らせします。\n\n{リンク}${foot}`,
  },
  "survey.thanks": {
    label: { ja: "回答へのお礼", en: "Thanks for answering" },
    placeholders: ["照会名", "提出日時"],
    subject: "【受付】{照会名}の回答を受け付けました",
    body: `${head}　　　{照会名}の回答の受付について\n\n${preface}\n　このたびは、標記の照会に御回答いただき、誠にありがとうございました。\n　{提出日時}に受け付けましたので、お知らせします。\n　内容について確認させていただく場合がありますので、その際は御協力をお願いします。\n\n{リンク}${foot}`,
  },
  "desk.reply": {
    label: { ja: "相談への回答", en: "Desk reply" },
    placeholders: ["件名"],
    subject: "【相談窓口】「{件名}」への回答について",
    body: `${head}　　　「{件名}」への回答について\n\n${preface}\n　御相談いただいた標記の件について、回答を登録しましたので、下記のページから御確認ください。\n　御不明な点がありましたら、同じページから続けて御質問いただけます。\n\n{リンク}${foot}`,
  },
  "desk.question": {
    label: { ja: "相談についての確認", en: "Desk question" },
    placeholders: ["件名", "内容"],
    subject: "【相談窓口】「{件名}」について確認のお願い",
    body: `${head}　　　「{件名}」について確認のお願い\n\n${preface}\n　御相談いただいた標記の件について、確認させていただきたい事項があります。\n　お手数ですが、下記のページから御返信ください。\n\n{内容}\n\n{リンク}${foot}`,
  },
  "notice.published": {
    label: { ja: "お知らせの公開", en: "Notice published" },
    placeholders: ["件名", "区分", "本文"],
    subject: "【{区分}】{件名}",
    body: `${head}　　　{件名}について\n\n${preface}\n　標記について、下記のとおりお知らせします。\n\n{本文}\n\n　詳細・添付資料：\n{リンク}${foot}`,
  },
  "notice.remind": {
    label: { ja: "お知らせの確認のお願い", en: "Notice reminder" },
    placeholders: ["件名"],
    subject: "【確認のお願い】{件名}",
    body: `${head}　　　{件名}の確認について（お願い）\n\n${preface}\n　先にお知らせしました標記の件について、貴団体での確認がまだ済んでいないようです。\n　お手数ですが、下記のページで内容を御確認のうえ、「確認しました」を押してください。\n\n{リンク}${foot}`,
  },
  "account.invite": {
    label: { ja: "アカウントへの招待", en: "Invitation" },
    placeholders: ["団体名", "招待者"],
    subject: "【Renkei】アカウントの登録について（御案内）",
    body: `${head}　　　Renkei（連携プラットフォーム）のアカウント登録について（御案内）\n\n　{招待者}から、{団体名}の利用者としてRenkeiへの招待が届いています。\n　下記のページを開き、72時間以内にパスワードを設定してください。\n\n{リンク}${foot}`,
  },
  "account.reset": {
    label: { ja: "パスワード再設定", en: "Password reset" },
    placeholders: [],
    subject: "【Renkei】パスワード再設定の御案内",
    body: `${head}　パスワード再設定の依頼を受け付けました。\n　下記のページを開き、2時間以内に新しいパスワードを設定してください。\n\n{リンク}\n\n　心当たりがない場合は、このメールを破棄してください。${foot}`,
  },
  digest: {
    label: { ja: "通知のまとめ（毎朝）", en: "Daily digest" },
    placeholders: ["件数", "一覧"],
    subject: "【Renkei】本日のお知らせ（{件数}件）",
    body: `${head}　前回のまとめ以降の通知は、次のとおりです。\n\n{一覧}${foot}`,
  },
  general: {
    label: { ja: "その他の通知", en: "Other notifications" },
    placeholders: ["件名", "本文"],
    subject: "【Renkei】{件名}",
    body: `${head}　{件名}\n\n{本文}\n\n{リンク}${foot}`,
  },
};

export const mailTemplateText = z.object({
  subject: z.string().trim().min(1, "件名を入力してください").max(200, "件名は200文字以内にしてください"),
  body: z.string().trim().min(1, "本文を入力してください").max(20_000, "本文は20,000文字以内にしてください"),
});
export type MailTemplateText = z.infer<typeof mailTemplateText>;

const mailTemplateView = z.object({
  key: z.enum(mailTemplateKeys),
  label: z.string(),
  placeholders: z.array(z.string()),
  subject: z.string(),
  body: z.string(),
  /** False while the prefecture uses the built-in text. */
  customised: z.boolean(),
});
export const mailTemplateList = z.object({ items: z.array(mailTemplateView) });
export const mailTemplateParams = z.object({ key: z.enum(mailTemplateKeys, { error: "そのメールの種類はありません" }) });

/** One prepared mail: what each recipient receives, shown before sending (宛名 is filled per recipient). */
export const mailPreview = z.object({
  subject: z.string(),
  body: z.string(),
  recipients: z.array(z.object({ name: z.string(), orgName: z.string(), email: z.string() })),
  /** The template as written, to adjust for this one sending. */
  template: mailTemplateText,
});
export type MailPreview = z.infer<typeof mailPreview>;

/** An announcement's text adjusted for this one sending (optional: without it the template is used). */
export const announceInput = z.object({ mail: mailTemplateText.optional() });
