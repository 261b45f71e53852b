/** The insight feature's strings that live outside its pages (features/insight/messages.ts loads the rest): the menu, the organisation page. */
export const insightNav = {
  "nav.insight": ["議題の提案候補・支援の優先度", "Suggestions and support radar"],
  "orgs.digitalStaff": ["デジタル人材の人数", "Digital staff"],
  "orgs.digitalStaffHint": [
    "情報システム・DX を担う職員の人数です。県の支援の優先度（専門人材の配分）の参考にします。",
    "Staff who handle information systems and DX. The prefecture uses it to decide where its specialists go.",
  ],
  "orgs.digitalStaffUnknown": ["未登録", "Not entered"],
  "orgs.digitalStaffCount": ["{count}人", "{count}"],
  "orgs.digitalStaffSave": ["人数を保存", "Save headcount"],
  "orgs.digitalStaffSaved": ["デジタル人材の人数を保存しました。", "Headcount saved."],
} as const;
