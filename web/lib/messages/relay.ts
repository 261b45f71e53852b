/** The 照会 relay with the ministry's own workbook: import, answers by upload, write-back. */
export const relay = {
  "relay.import": ["国の様式から作成", "From the ministry's workbook"],
  "relay.importTitle": ["国の様式（Excel）から照会を作成", "Create a survey from the ministry's workbook"],
  "relay.importLead": [
    "国から届いた Excel の様式を選んでください。団体名か団体コードの列と見出しから入力表を探し、設問を提案します。通知文や概要などのファイルも一緒に選ぶと、添付ファイルとして残ります。",
    "Choose the Excel form the ministry sent. Renkei finds its input table from the column of organisation names or codes and its headers, and proposes questions. Notices and overviews chosen with it are kept as attachments.",
  ],
  "relay.files": ["国から届いたファイル", "Files from the ministry"],
  "relay.filesHint": [
    "様式（.xlsx）は必須です。PDF・Word なども一緒に選べます。",
    "The form (.xlsx) is required; PDF, Word and others may come with it.",
  ],
  "relay.importRun": ["読み込んで設問を作成", "Read and create questions"],
  "relay.imported": [
    "シート「{sheet}」の {range} から {n} 問を作りました。設問の種類と文言を確かめてから公開してください。",
    "Created {n} questions from {range} on sheet “{sheet}”. Check their kinds and wording before publishing.",
  ],
  "relay.byExcel": ["Excel で回答する", "Answer in Excel"],
  "relay.byExcelLead": [
    "国の様式に自団体の行だけを入力したファイルを作れます。ダウンロードして Excel で入力し、保存したファイル（.xlsx または CSV）をアップロードしてください。読み取った内容を確かめてから保存します。",
    "Download the ministry's form with your own row, fill it in Excel, and upload the saved file (.xlsx or CSV). You confirm what was read before it is saved.",
  ],
  "relay.download": ["自団体用の様式をダウンロード", "Download your copy of the form"],
  "relay.uploadLabel": ["入力した様式", "Filled form"],
  "relay.read": ["読み取る", "Read"],
  "relay.previewTitle": ["読み取った内容（{file}、{row}行目）", "What was read ({file}, row {row})"],
  "relay.noChanges": ["今の回答から変わる欄はありません。", "Nothing changes in the current answer."],
  "relay.cell": ["セル", "Cell"],
  "relay.question": ["設問", "Question"],
  "relay.before": ["今の回答", "Current"],
  "relay.after": ["ファイルの値", "From the file"],
  "relay.unchanged": ["ほかに {n} 欄は同じ値でした。", "{n} more cells hold the same values."],
  "relay.save": ["この内容で回答を保存", "Save this as the answer"],
  "relay.saved": [
    "ファイルの内容を回答に保存しました。内容を確かめて提出してください。",
    "Saved the file's values. Check them and submit.",
  ],
  "relay.cancel": ["取りやめる", "Cancel"],
  "relay.writeBack": ["国の様式に書き戻す", "Write back into the ministry's form"],
  "relay.writeBackLead": [
    "提出済みの回答を、国から届いた様式の照合表にそのまま書き込みます。書式・数式・ほかのシートは元のままです。",
    "Writes every submitted answer into the ministry's own collation sheet; its formatting, formulas and other sheets stay as they were.",
  ],
  "relay.collation": ["照合表（Excel）", "Collation workbook (Excel)"],
  "relay.copies": ["団体別ファイル（ZIP）", "One file per organisation (ZIP)"],
} as const;
