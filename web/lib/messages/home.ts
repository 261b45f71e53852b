/** Home page cards. */
export const home = {
  "home.title": ["ホーム", "Home"],
  "home.greeting": ["{name} さん、こんにちは。", "Hello, {name}."],
  "home.myOrg": ["所属団体", "Your organisation"],
  "home.tfaHint": [
    "二要素認証を設定すると、アカウントをより安全に守れます。",
    "Turn on two-factor authentication to protect your account.",
  ],
  "home.myBodies": ["参加している会議体", "Your councils and groups"],
  "home.allBodies": ["すべての会議体", "All bodies"],
  "home.noBodies": ["参加している会議体はありません。", "You are not a member of any body."],
  "home.unread": ["未読の通知", "Unread notifications"],
  "home.allNotifications": ["すべての通知", "All notifications"],
  "home.noUnread": ["未読の通知はありません。", "No unread notifications."],
} as const;
