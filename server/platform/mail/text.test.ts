import { describe, expect, it } from "vitest";
import { trimQuoted } from "./text.js";

describe("trimQuoted", () => {
  it("cuts the quoted earlier message as Outlook, Gmail, Thunderbird and Japanese clients write it", () => {
    const answer = "承知しました。\n来週お送りします。";
    const tails = [
      "\n\n-----Original Message-----\nFrom: 県\n前の本文",
      "\n\n-----元のメッセージ-----\n差出人: 県\n前の本文",
      "\n\nOn Mon, Nov 30, 2026 at 10:00 AM Desk <soudan@pref.example.lg.jp> wrote:\n> 前の本文",
      "\n\n2026年11月30日(月) 10:00 県 専門人材 <noreply@renkei.localhost>:\n> 前の本文\n>\n",
      "\n\n差出人: 県 事務局\n送信日時: 2026年11月30日 10:00\n前の本文",
      "\n\n> 前の本文\n> 続き",
      "\n________________________________\nFrom: 県\n前の本文",
    ];
    for (const tail of tails) expect(trimQuoted(answer + tail)).toBe(answer);
  });

  it("keeps a body with no quote, ordinary colons and a quote inside the text", () => {
    const body = "次の点を確認ください：\n> 引用しつつ質問します\nこの点はどうでしょうか。\n担当：上関町 総務課";
    expect(trimQuoted(body)).toBe(body);
    expect(trimQuoted("本文\r\n\r\n")).toBe("本文");
  });
});
