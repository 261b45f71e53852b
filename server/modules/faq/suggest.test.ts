import { describe, expect, it } from "vitest";
import { bigrams, score, similarity } from "./suggest.js";

describe("FAQ suggestion by character bigrams", () => {
  it("drops hiragana-only pairs and punctuation, folds width", () => {
    expect([...bigrams("ＡＩ－ＯＣＲについて")]).toEqual(["ai", "oc", "cr", "rに"]);
    expect(bigrams("について、します。").size).toBe(0);
  });

  it("scores a similar question above an unrelated one", () => {
    const typed = bigrams("住民基本台帳の標準化でフィット＆ギャップ分析はどう進めればよいですか");
    const near = { q: bigrams("標準化のフィット＆ギャップ分析の進め方"), a: bigrams("標準仕様書と現行業務を比べます") };
    const far = { q: bigrams("RPAのシナリオ作成を外部委託できますか"), a: bigrams("委託契約の例") };
    expect(score(typed, near)).toBeGreaterThan(0.3);
    expect(score(typed, far)).toBeLessThan(0.05);
    expect(similarity(new Set(), typed)).toBe(0);
  });
});
