import { describe, expect, it } from "vitest";
import { channelOf, municipalityOnline, type OnlineChannel, onlineCompletion } from "./online.js";

const all = (n: number, c: OnlineChannel | null): (OnlineChannel | null)[] => Array.from({ length: n }, () => c);

describe("online procedures, national definition (マイナポータル) and the broad figure", () => {
  it("reads a procedure's channel from its step state", () => {
    expect(channelOf({ status: "done", option: "マイナポータル" })).toBe("mynaportal");
    expect(channelOf({ status: "done", option: "その他の電子申請" })).toBe("other");
    expect(channelOf({ status: "done", option: null })).toBe("other");
    expect(channelOf({ status: "in_progress", option: "マイナポータル" })).toBe("none");
    expect(channelOf({ status: "not_started", option: null })).toBe("none");
    expect(channelOf(null)).toBe("none");
    expect(channelOf({ status: "not_applicable", option: null })).toBeNull();
  });

  it("a town with all 26 procedures via マイナポータル is complete under both figures", () => {
    expect(municipalityOnline(all(26, "mynaportal"))).toBe("mynaportal");
    expect(onlineCompletion([all(26, "mynaportal")])).toEqual({
      counted: 1,
      noData: 0,
      national: { complete: 1, pct: 100 },
      broad: { complete: 1, pct: 100 },
    });
  });

  it("one procedure only via another e-application system: not complete nationally, complete in the broad figure", () => {
    const town = [...all(25, "mynaportal"), "other" as const];
    expect(municipalityOnline(town)).toBe("online");
    expect(onlineCompletion([town])).toMatchObject({ national: { complete: 0, pct: 0 }, broad: { complete: 1, pct: 100 } });
  });

  it("a procedure not online at all fails both figures", () => {
    expect(municipalityOnline([...all(25, "mynaportal"), "none"])).toBe("not_online");
  });

  it("a not-applicable procedure is excluded from the target", () => {
    const town = [...all(25, "mynaportal"), null];
    expect(municipalityOnline(town)).toBe("mynaportal");
    expect(onlineCompletion([town]).national).toEqual({ complete: 1, pct: 100 });
  });

  it("zero target procedures is no data, neither 0 % nor 100 %", () => {
    expect(municipalityOnline([])).toBe("no_data");
    expect(municipalityOnline(all(26, null))).toBe("no_data");
    const none = onlineCompletion([all(26, null)]);
    expect(none).toEqual({ counted: 0, noData: 1, national: { complete: 0, pct: null }, broad: { complete: 0, pct: null } });
    expect(onlineCompletion([])).toMatchObject({ counted: 0, national: { pct: null } });
  });

  it("shares are over the municipalities with target procedures only", () => {
    const towns = [
      all(26, "mynaportal"),
      [...all(25, "mynaportal"), "other" as const],
      [...all(20, "other"), ...all(6, "none")],
      [],
    ];
    expect(onlineCompletion(towns)).toEqual({
      counted: 3,
      noData: 1,
      national: { complete: 1, pct: 33.33 },
      broad: { complete: 2, pct: 66.67 },
    });
  });
});
