/** Accounts hygiene (devices, unused accounts) and single sign-on refusals: loaded with their pages (features/account/messages.ts). */
export const accounts = {
  "login.sso": ["所属団体のアカウントでログイン", "Sign in with your organisation's account"],
  "login.orPassword": ["メールアドレスとパスワードでログイン", "Sign in with e-mail address and password"],
  "login.ssoRefused": ["ログインできませんでした", "You could not be signed in"],
  "sessions.caption": ["ログイン中の端末（{count}件）", "Signed-in devices ({count})"],
  "sessions.empty": ["ログイン中の端末はありません。", "No signed-in devices."],
  "sessions.created": ["ログイン日時", "Signed in"],
  "sessions.lastSeen": ["最終利用", "Last used"],
  "sessions.device": ["ブラウザ", "Browser"],
  "sessions.ip": ["IPアドレス", "IP address"],
  "sessions.method": ["方式", "Method"],
  "sessions.password": ["パスワード", "Password"],
  "sessions.current": ["この端末", "This device"],
  "sessions.revoke": ["ログアウトさせる", "Sign out"],
  "sessions.revoked": ["端末をログアウトさせました", "The device was signed out"],
  "sessions.title": ["{name}さんのログイン中の端末", "{name}'s signed-in devices"],
  "dormant.title": ["利用されていないアカウント", "Unused accounts"],
  "dormant.link": ["利用されていないアカウントを確認する", "Review unused accounts"],
  "dormant.lead": [
    "{days}日以上ログインのないアカウントです。不要なものは利用者の画面から無効にしてください。",
    "Accounts not used for {days} days or more. Disable the ones no longer needed from the user's page.",
  ],
  "dormant.caption": ["{count}件", "{count} accounts"],
  "dormant.empty": ["該当するアカウントはありません。", "No unused accounts."],
  "dormant.name": ["氏名", "Name"],
  "dormant.org": ["所属団体", "Organisation"],
  "dormant.lastSeen": ["最終利用", "Last used"],
  "dormant.never": ["利用なし（{date}登録）", "Never (registered {date})"],
  "dormant.sessions": ["端末", "Devices"],
  "login.sso.no_org": [
    "認証基盤から受け取った所属情報に対応する団体がRenkeiに登録されていないため、ログインできません。所属団体のシステム管理者または連携会議事務局に連絡してください。",
    "The organisation in your directory account is not registered in Renkei. Contact your organisation's administrator or the council secretariat.",
  ],
  "login.sso.not_registered": [
    "このアカウントはRenkeiに登録されていません。所属団体の管理者に利用登録を依頼してください。",
    "This account is not registered in Renkei. Ask your organisation's administrator to register you.",
  ],
  "login.sso.disabled": [
    "このアカウントは無効になっています。所属団体の管理者に連絡してください。",
    "This account has been disabled. Contact your organisation's administrator.",
  ],
  "login.sso.no_email": [
    "認証基盤からメールアドレスが届かなかったため、アカウントを作成できません。システム管理者に連絡してください。",
    "The directory sent no e-mail address, so no account could be created. Contact the administrator.",
  ],
  "login.sso.conflict": [
    "このメールアドレスは別のアカウントに結び付けられています。システム管理者に連絡してください。",
    "This e-mail address is linked to another account. Contact the administrator.",
  ],
  "login.sso.expired": [
    "ログインの手続きが期限切れか、すでに使われています。もう一度ボタンからログインしてください。",
    "The sign-in expired or was already used. Start again with the button.",
  ],
  "login.sso.failed": [
    "認証基盤からの応答を確認できませんでした。もう一度お試しいただき、続く場合はシステム管理者に連絡してください。",
    "The identity provider's answer could not be verified. Try again; if it continues, contact the administrator.",
  ],
} as const;
