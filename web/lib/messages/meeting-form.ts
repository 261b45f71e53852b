/** The meeting form's and page's date hints and warnings: loaded with the meetings pages (features/meetings/messages.ts). */
export const meetingForm = {
  "meetings.numberHint": [
    "回数（第N回）は会議体と年度ごとに開催日の順で自動で付きます。開催通知を出した会議の回数は変わりません。",
    "The number (第N回) follows the dates per body and fiscal year; it no longer changes once the meeting is announced.",
  ],
  "meetings.nonBusinessDay": [
    "{date}は{reason}です。開催日を確認してください。",
    "{date} is not a business day ({reason}). Check the date.",
  ],
  "meetings.dateWarning": ["（{reason}）", "({reason})"],
  "meetings.proposalDeadlineHint": [
    "締切を設定すると、構成団体から議題の提案を受け付けます。",
    "Set a deadline to take agenda proposals from members.",
  ],
  "meetings.attendanceDeadlineHint": ["空欄のときは開始日時までです。", "Empty means until the start."],
  "decisions.title": ["決定事項", "Decisions"],
  "decisions.lead": [
    "公開済みの議事録に記録された、各会議体の議題ごとの決定事項です。",
    "The outcome of each agenda item recorded in published minutes, across bodies.",
  ],
  "decisions.fiscalYear": ["年度", "Fiscal year"],
  "decisions.allYears": ["すべての年度", "All years"],
  "decisions.words": ["キーワード", "Words"],
  "decisions.empty": ["該当する決定事項はありません。", "No decisions match."],
  "decisions.date": ["開催日", "Date"],
  "decisions.meeting": ["会議", "Meeting"],
  "decisions.item": ["議題", "Agenda item"],
  "decisions.decision": ["決定事項", "Decision"],
  "decisions.link": ["決定事項の一覧", "Register of decisions"],
} as const;
