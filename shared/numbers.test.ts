import { describe, expect, it } from "vitest";
import { z } from "zod";
import { looseNumber, parseNumberInput } from "./numbers.js";

describe("numbers as clerks type them", () => {
  it("reads full-width digits, commas, spaces and Japanese minus signs", () => {
    expect(parseNumberInput("３")).toBe(3);
    expect(parseNumberInput("１，２３４")).toBe(1234);
    expect(parseNumberInput("1,234,567")).toBe(1234567);
    expect(parseNumberInput(" 12 345　")).toBe(12345);
    expect(parseNumberInput("３．５")).toBe(3.5);
    expect(parseNumberInput("－５")).toBe(-5);
    expect(parseNumberInput("−5")).toBe(-5);
    expect(parseNumberInput("")).toBeNull();
    expect(parseNumberInput("　")).toBeNull();
  });

  it("refuses what is not a number", () => {
    for (const bad of ["abc", "0x10", "1.2.3", "3人", "Infinity"]) expect(parseNumberInput(bad)).toBeNaN();
  });

  it("lets a server schema take the typed text and still check the range", () => {
    const s = looseNumber(z.number({ error: "数値を入力してください" }).int().min(0).nullable());
    expect(s.parse("１２０")).toBe(120);
    expect(s.parse(120)).toBe(120);
    expect(s.parse("")).toBeNull();
    expect(s.safeParse("abc").error?.issues[0]?.message).toBe("数値を入力してください");
    expect(s.safeParse("－1").success).toBe(false);
  });
});
