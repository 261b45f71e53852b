/** Realistic Japanese text for the search benchmark: council notices, documents and challenges. */

const systems = [
  "住民記録",
  "戸籍",
  "戸籍附票",
  "印鑑登録",
  "個人住民税",
  "法人住民税",
  "固定資産税",
  "軽自動車税",
  "国民健康保険",
  "国民年金",
  "障害者福祉",
  "後期高齢者医療",
  "介護保険",
  "児童手当",
  "子ども・子育て支援",
  "就学",
  "健康管理",
  "児童扶養手当",
  "生活保護",
  "選挙人名簿管理",
];
const topics = [
  "ガバメントクラウド",
  "標準準拠システム",
  "移行計画",
  "共同調達",
  "特定移行支援システム",
  "データ要件・連携要件",
  "マイナポータル",
  "オンライン申請",
  "書かない窓口",
  "自治体DX推進計画",
  "情報セキュリティポリシー",
  "LGWAN",
  "RPA",
  "生成AI",
  "テレワーク",
  "電子契約",
  "キャッシュレス決済",
  "デジタル人材",
  "運用経費",
  "ネットワーク分離",
];
const verbs = [
  "について検討しました",
  "の進捗を報告します",
  "に関する留意事項をお知らせします",
  "の課題を整理しました",
  "に係る経費の見込みを示します",
  "の対応方針を共有します",
  "についてベンダーと協議中です",
  "の事例を紹介します",
];
const extras = [
  "令和7年度末までの移行が求められています。",
  "県内市町の状況を取りまとめました。",
  "詳細は添付資料をご確認ください。",
  "デジタル庁の最新の通知を踏まえて更新しました。",
  "回答期限は来月末です。",
  "担当者説明会を開催する予定です。",
  "移行困難と判断される場合は早めに相談してください。",
  "総務省の手順書に沿って作業を進めています。",
  "人口規模の小さい団体では職員の負担が課題です。",
  "窓口業務の見直しと併せて進める必要があります。",
  "ベンダーの人員不足により作業が遅れています。",
  "費用は均等割と人口割で按分する案があります。",
];
const titleHeads = ["【国の動向】", "【協議会】", "【WG】", "【課題】", "【資料】", ""];

/** A deterministic generator, so every run indexes the same corpus. */
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function makeEntry(i: number, rand: () => number) {
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const sys = pick(systems);
  const topic = pick(topics);
  const title =
    `${pick(titleHeads)}${sys}システムの${topic}${pick(verbs).replace(/^に?(について|の|に関する|に係る)/, "")}`.slice(0, 60);
  const sentences: string[] = [];
  const n = 4 + Math.floor(rand() * 10);
  for (let k = 0; k < n; k++) sentences.push(`${pick(systems)}の${pick(topics)}${pick(verbs)}。${pick(extras)}`);
  // One entry in a thousand mentions a rare subject, for the "rare word" queries.
  if (i % 1000 === 7) sentences.push("鳥獣被害対策の電子申請についても検討します。");
  const kinds = ["notice", "document", "challenge"] as const;
  const year = 2021 + Math.floor(rand() * 5);
  const date = `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, "0")}-${String(1 + Math.floor(rand() * 28)).padStart(2, "0")}`;
  return { kind: kinds[i % 3]!, title, text: sentences.join(""), date };
}
