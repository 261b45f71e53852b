import { describe, expect, it } from "vitest";
import { anonymise, findIdentifying, termsFor } from "./anonymise.js";

const terms = termsFor({ name: "上関町", kind: "town" }, ["上関 さくら", "室津 一郎"]);

describe("anonymising a consultation for the FAQ", () => {
  it("replaces the town, its short name, people, e-mail addresses and phone numbers", () => {
    const text =
      "上関町の上関 さくらです。上関では室津一郎さんと室津 一郎様が担当。連絡は kaminoseki@example.jp、0820-62-0311 まで。";
    const out = anonymise(text, terms);
    expect(out).toBe("〇〇町の担当者です。〇〇町では担当者と担当者が担当。連絡は （メールアドレス）、（電話番号） まで。");
    expect(findIdentifying({ question: out, answer: "" }, terms)).toEqual([]);
  });

  it("finds what remains, per field", () => {
    const found = findIdentifying({ question: "上関の件", answer: "090-1234-5678 の室津一郎まで" }, terms);
    expect(found).toEqual([
      { kind: "org", term: "上関", field: "question" },
      { kind: "person", term: "室津一郎", field: "answer" },
      { kind: "phone", term: "090-1234-5678", field: "answer" },
    ]);
  });

  it("uses 〇〇市 for a city and keeps a one-character short name out", () => {
    expect(termsFor({ name: "萩市", kind: "city" }, []).orgNames).toEqual(["萩市"]);
    expect(anonymise("萩市役所", termsFor({ name: "萩市", kind: "city" }, []))).toBe("〇〇市役所");
  });
});
