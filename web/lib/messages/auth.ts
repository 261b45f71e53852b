/** Sign-in, password reset, invitation and two-factor screens. */
export const auth = {
  "login.title": ["ログイン", "Sign in"],
  "login.lead": [
    "県・市町の職員の方は、登録されたメールアドレスとパスワードでログインしてください。",
    "Sign in with the e-mail address and password registered for you.",
  ],
  "login.email": ["メールアドレス", "E-mail address"],
  "login.password": ["パスワード", "Password"],
  "login.submit": ["ログイン", "Sign in"],
  "login.busy": ["確認しています…", "Checking…"],
  "login.failed": [
    "メールアドレスまたはパスワードが正しくないか、ログインの失敗が続いたため一時的にログインできません。しばらく待ってからもう一度お試しいただくか、管理者に連絡してください。",
    "The e-mail address or password is not correct, or sign-in is paused after repeated failures. Wait a while and try again, or ask an administrator.",
  ],
  "login.forgot": ["パスワードをお忘れの方", "Forgot your password?"],
  "login.sso": ["所属団体のアカウントでログイン", "Sign in with your organisation's account"],
  "login.orPassword": ["メールアドレスとパスワードでログイン", "Sign in with e-mail address and password"],
  "login.ssoRefused": ["ログインできませんでした", "You could not be signed in"],
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
  "totp.title": ["二要素認証", "Two-factor authentication"],
  "totp.lead": [
    "認証アプリに表示されている6桁の確認コードを入力してください。",
    "Enter the 6-digit code shown in your authenticator app.",
  ],
  "totp.code": ["確認コード（6桁）", "Code (6 digits)"],
  "totp.submit": ["確認する", "Verify"],
  "totp.otherAccount": ["別のアカウントでログインする", "Sign in with another account"],
  "forgot.title": ["パスワードの再設定", "Reset your password"],
  "forgot.lead": [
    "登録しているメールアドレスを入力してください。パスワード再設定用のリンクをお送りします（有効期限は2時間です）。",
    "Enter your registered e-mail address. We will send you a link to reset your password (valid for 2 hours).",
  ],
  "forgot.submit": ["再設定用のメールを送る", "Send reset link"],
  "forgot.sent": [
    "入力されたメールアドレスが登録されている場合は、再設定用のメールを送信しました。メールが届かない場合は、システム管理者にお問い合わせください。",
    "If the address is registered, we have sent a reset link. If no e-mail arrives, contact your administrator.",
  ],
  "forgot.back": ["ログイン画面へ戻る", "Back to sign-in"],
  "reset.title": ["新しいパスワードの設定", "Set a new password"],
  "reset.password": ["新しいパスワード", "New password"],
  "reset.confirm": ["新しいパスワード（確認）", "New password (again)"],
  "reset.mismatch": ["確認のため、同じパスワードを入力してください", "The two passwords do not match"],
  "reset.submit": ["パスワードを設定する", "Set password"],
  "reset.done": [
    "パスワードを設定しました。新しいパスワードでログインしてください。",
    "Your password has been set. Please sign in with it.",
  ],
  "password.rules": [
    "12文字以上で、英小文字・英大文字・数字・記号のうち2種類以上を含めてください。メールアドレスは含めないでください。",
    "At least 12 characters with two or more of: lower-case, upper-case, digits, symbols. Do not include your e-mail address.",
  ],
  "invite.title": ["アカウントの登録", "Set up your account"],
  "invite.lead": [
    "{org} の {name} 様として招待されています。パスワードを設定すると利用を開始できます。",
    "You have been invited as {name} of {org}. Set a password to start.",
  ],
  "invite.email": ["ログインに使うメールアドレス：{email}", "Your sign-in address: {email}"],
  "invite.submit": ["パスワードを設定して始める", "Set password and start"],
  "tfa.title": ["二要素認証の設定", "Set up two-factor authentication"],
  "tfa.required": [
    "県職員のアカウントは、二要素認証の設定が必須です。設定が終わるまで他の画面は利用できません。",
    "Prefecture staff accounts must use two-factor authentication. Set it up to continue.",
  ],
  "tfa.lead": [
    "スマートフォン等の認証アプリ（Google Authenticator、Microsoft Authenticator など）を使って、ログイン時に確認コードを入力します。",
    "You will enter a code from an authenticator app on your phone each time you sign in.",
  ],
  "tfa.start": ["設定を始める", "Start setup"],
  "tfa.step1": [
    "1. 認証アプリで「セットアップキーを入力」を選び、次のキーを入力してください（時間ベース）。",
    "1. In your authenticator app choose “enter a setup key” and type this key (time-based).",
  ],
  "tfa.secret": ["セットアップキー", "Setup key"],
  "tfa.uri": ["設定用URI（アプリが対応していれば貼り付けて登録できます）", "Setup URI (paste it if your app accepts one)"],
  "tfa.step2": ["2. アプリに表示された6桁のコードを入力してください。", "2. Enter the 6-digit code your app shows."],
  "tfa.enable": ["有効にする", "Turn on"],
  "tfa.enabled": ["二要素認証を有効にしました", "Two-factor authentication is on"],
  "tfa.signOut": ["ログアウトする", "Sign out"],
} as const;
