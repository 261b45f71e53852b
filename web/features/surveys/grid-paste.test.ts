import { describe, expect, it } from "vitest";
import { definition } from "../../../shared/surveys/definition.js";
import { fillDown, isBlock, parseClipboardBlock, pasteIntoGrid } from "./grid-paste.js";

const def = definition.parse({
  sections: [
    {
      id: "s",
      questions: [
        {
          id: "g",
          kind: "grid",
          title: "システム",
          rows: ["住民記録", "税務", "福祉", "国保"].map((label, i) => ({ id: `r${i}`, label })),
          columns: [
            { id: "vendor", kind: "short_text", label: "事業者" },
            { id: "cost", kind: "number", label: "費用", unit: "千円" },
            { id: "done", kind: "yes_no", label: "移行済み" },
            { id: "on", kind: "date", label: "移行日" },
          ],
        },
      ],
    },
  ],
});
const q = def.sections[0]!.questions[0] as Extract<(typeof def.sections)[0]["questions"][0], { kind: "grid" }>;

describe("pasting from Excel into a survey grid", () => {
  it("reads tabs, line breaks and quoted cells", () => {
    expect(parseClipboardBlock('a\tb\r\n"c\td"\t"e ""f"""\r\n')).toEqual([
      ["a", "b"],
      ["c\td", 'e "f"'],
    ]);
    expect(isBlock("1,234\n")).toBe(false);
    expect(isBlock("a\tb")).toBe(true);
  });

  it("fills a 3×4 block from the chosen cell, reading numbers, yes/no and dates as typed in Excel", () => {
    const block = "A社\t１，２００\tはい\t2026/4/1\nB社\t3 400\tいいえ\t2026年10月5日\nC社\t\t○\t\n";
    const { grid, cells } = pasteIntoGrid(q, {}, 1, 0, block);
    expect(cells).toBe(12);
    expect(grid.r0).toBeUndefined();
    expect(grid.r1).toEqual({ vendor: "A社", cost: 1200, done: true, on: "2026-04-01" });
    expect(grid.r2).toEqual({ vendor: "B社", cost: 3400, done: false, on: "2026-10-05" });
    expect(grid.r3).toEqual({ vendor: "C社", cost: null, done: true, on: null });
  });

  it("leaves out what falls outside the grid and fills a column down", () => {
    const { grid } = pasteIntoGrid(q, {}, 3, 2, "はい\t2026-01-01\textra\nmore\n");
    expect(grid.r3).toEqual({ done: true, on: "2026-01-01" });
    const filled = fillDown(q, { r0: { vendor: "A社" }, r2: { vendor: "B社" } }, "vendor");
    expect(filled.filled).toBe(2);
    expect(filled.grid).toMatchObject({ r1: { vendor: "A社" }, r3: { vendor: "B社" } });
  });
});
