/** The minutes review's answers and reminders: loaded with the council-year pages (features/council-year/messages.ts). */
export const minutesReview = {
  "review.answers": ["団体ごとの回答状況", "Answers by organisation"],
  "review.answerOrg": ["団体", "Organisation"],
  "review.answerState": ["状況", "State"],
  "review.answeredAt": ["回答日時", "Answered"],
  "review.remindedAt": ["督促", "Reminded"],
  "review.unanswered": ["未回答", "Not answered"],
  "review.answerNone": ["確認を依頼した団体はありません。", "No organisation was asked."],
  "review.finishTitle": ["確認の完了", "Finish your review"],
  "review.finishLeadNone": [
    "貴団体の発言箇所に修正がなければ「修正なし」を選んでください。修正を提案した場合は、すべて送信してから「提案を送信して完了」を選んでください。",
    "If your remarks need no change, choose “No changes”. If you suggested changes, send them all, then choose “Suggestions sent”.",
  ],
  "review.finishNoChange": ["修正なし", "No changes"],
  "review.finishSuggested": ["提案を送信して完了", "Suggestions sent"],
  "review.finished": ["確認の完了を事務局に伝えました", "The secretariat has been told you are done"],
  "review.finishedOn": ["貴団体は{when}に確認を完了しました（{outcome}）。", "Your organisation finished on {when} ({outcome})."],
} as const;
