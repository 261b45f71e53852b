/** A person's 所属・役職 (issue 15): loaded with the users and account pages (features/users/messages.ts). */
export const contacts = {
  "contacts.heading": ["所属・役職", "Department and title"],
  "contacts.department": ["所属", "Department"],
  "contacts.title": ["役職", "Title"],
  "contacts.hint": [
    "会議体の委員一覧、出欠、相談窓口で連絡先として表示されます。",
    "Shown as contact details on body member lists, attendance and the consultation desk.",
  ],
  "contacts.ownHint": [
    "異動や昇任のときはご自身で更新できます。会議体の委員一覧、出欠、相談窓口で連絡先として表示されます。",
    "Update these yourself after a transfer or promotion. They are shown on body member lists, attendance and the desk.",
  ],
  "contacts.save": ["所属・役職を保存", "Save department and title"],
} as const;
