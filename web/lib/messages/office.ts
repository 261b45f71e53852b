/** Formatted-text editor, confirmations, print and documents, mail templates. Each entry is [日本語, English]. */
export const office = {
  "richText.toolbar": ["書式", "Formatting"],
  "richText.heading": ["見出し", "Heading"],
  "richText.bold": ["太字", "Bold"],
  "richText.list": ["箇条書き", "List"],
  "richText.table": ["表", "Table"],
  "richText.link": ["リンク", "Link"],
  "richText.hint": [
    "見出し・太字・箇条書き・表・リンクは上のボタンで入れられます。下に読む人に見える形で表示されます。",
    "Use the buttons for headings, bold, lists, tables and links. The preview below shows what readers will see.",
  ],
  "richText.preview": ["プレビュー（読む人に見える形）", "Preview (as readers will see it)"],
  "richText.previewEmpty": ["本文を入力すると、ここに表示されます。", "Type the text to see it here."],
  "richText.previewFailed": ["プレビューを表示できませんでした。", "The preview could not be shown."],
  "richText.boldSample": ["太字にする文字", "bold text"],
  "richText.headingSample": ["見出し", "Heading"],
  "richText.listSample": ["項目", "Item"],
  "richText.linkSample": ["リンクの文字", "link text"],
  "richText.tableHead": ["| 項目 | 内容 |", "| Item | Details |"],
} as const;
