/** Publication: disclosure levels, the preview before publishing, the public site's export and open data. */
export const publication = {
  "publication.link": ["公開設定", "Publication"],
  "publication.title": ["公開設定", "Publication"],
  "publication.lead": [
    "住民向けの公開サイトに載せるものを選びます。既定はすべて非公開です。保存する前に、公開される内容をプレビューで確認してください。",
    "Choose what appears on the public site for residents. Everything starts not public. Check the preview before saving.",
  ],
  "publication.bodyMembersOnly": [
    "この会議体は委員限りのため、会議を公開できません。",
    "This body is members only, so its meetings cannot be made public.",
  ],
  "publication.meeting": ["会議（日時・場所・概要）", "Meeting (date, place, description)"],
  "publication.minutes": ["議事要旨", "Minutes summary"],
  "publication.minutesNone": [
    "公開済みの議事録がまだありません。公開にすると、議事録の公開後に掲載されます。",
    "No minutes have been published yet; marked public, they appear once published.",
  ],
  "publication.agenda": ["議題", "Agenda items"],
  "publication.materials": ["資料", "Materials"],
  "publication.levelOf": ["公開区分：{name}", "Disclosure: {name}"],
  "publication.preview": ["公開される内容をプレビュー", "Preview what becomes public"],
  "publication.previewTitle": ["公開される内容", "What will be public"],
  "publication.nothing": ["この設定では、何も公開されません。", "With these settings nothing is public."],
  "publication.findings": [
    "個人名・連絡先と思われる語句が見つかりました（{n}件）",
    "Possible names or contact details found ({n})",
  ],
  "publication.findingsHint": [
    "公開してよいもの（委員の氏名など）か確かめてください。消す場合は、議題や議事録を直してからプレビューし直します。",
    "Check whether each may be published (e.g. members' names). To remove one, edit the agenda or minutes and preview again.",
  ],
  "publication.noFindings": ["個人名・連絡先と思われる語句は見つかりませんでした。", "No names or contact details found."],
  "publication.accept": [
    "上の語句を確認し、公開してよいと判断しました",
    "I have checked the terms above and they may be published",
  ],
  "publication.save": ["この内容で保存", "Save these settings"],
  "publication.saved": ["公開設定を保存しました。", "Publication settings saved."],
  "publication.openPublic": ["公開ページを開く", "Open the public page"],
  "publication.siteLead": [
    "ログインせずに見られる公開サイトです。会議ごとの公開設定は、各会議の「公開設定」で行います。",
    "The public site anyone can read without signing in. Set each meeting's publication from its page.",
  ],
  "publication.siteOpen": ["公開サイトを開く", "Open the public site"],
  "publication.export": ["静的ファイルとして書き出す（ZIP）", "Export as static files (ZIP)"],
  "publication.exportHint": [
    "公開サイトと同じHTML・資料・オープンデータをまとめたZIPです。県のCMSに取り込むときに使います。",
    "A ZIP of the same HTML, materials and open data, for publishing through the prefecture's CMS.",
  ],
  "publication.programmes": ["オープンデータに載せる取組", "Programmes in the open data"],
  "publication.programmesHint": [
    "公開にした取組は、市町村全体の集計値（平均進捗率など）だけがオープンデータに載ります。個々の団体の値は載りません。",
    "For public programmes only totals over all municipalities are published, never one municipality's figures.",
  ],
} as const;
