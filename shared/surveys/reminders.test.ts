import { describe, expect, it } from "vitest";
import { nonBusinessReason } from "../dates/calendar.js";
import { businessDayOnOrBefore, dueReminder, reminderDates } from "./reminders.js";

describe("survey reminder dates with the real holidays of 2024–2027", () => {
  it("counts N business days back over weekends and national holidays", () => {
    // 2024-05-07 (Tue) after Golden Week: 5/6 振替休日, 5/3–5/5 holidays and weekend → 5/2, 5/1, 4/30.
    expect(reminderDates("2024-05-07", 3, true)).toEqual({ before: "2024-04-30", day: "2024-05-07" });
    // 2025-05-07 (Wed): 5/6 振替休日, 5/5 こどもの日, 5/3–5/4 weekend → 5/2, 5/1, 4/30.
    expect(reminderDates("2025-05-07", 3, true).before).toBe("2025-04-30");
    // 2025-09-24 (Wed): 9/23 秋分の日 → 9/22, 9/19, 9/18.
    expect(reminderDates("2025-09-24", 3, true).before).toBe("2025-09-18");
    // 2026-09-24 (Thu): 9/21 敬老の日, 9/22 国民の休日, 9/23 秋分の日 → 9/18, 9/17, 9/16.
    expect(reminderDates("2026-09-24", 3, false)).toEqual({ before: "2026-09-16", day: null });
    // 2027-03-23 (Tue): 3/22 振替休日 (春分の日 on a Sunday) → 3/19, 3/18, 3/17.
    expect(reminderDates("2027-03-23", 3, true).before).toBe("2027-03-17");
  });

  it("skips the year-end closure of 12/29–1/3", () => {
    // 2026-01-05 (Mon): back over 1/3–12/27 → 12/26, 12/25, 12/24 of 2025.
    expect(reminderDates("2026-01-05", 3, true).before).toBe("2025-12-24");
    // 2027-01-04 (Mon): 1/3–12/29 closed, 12/28 (Mon) counts, then the weekend → 12/25.
    expect(reminderDates("2027-01-04", 2, true).before).toBe("2026-12-25");
  });

  it("moves the on-the-day reminder to the last business day when the deadline is not one", () => {
    expect(nonBusinessReason("2024-11-04")).toContain("振替休日");
    expect(businessDayOnOrBefore("2024-11-04")).toBe("2024-11-01");
    expect(businessDayOnOrBefore("2025-01-03")).toBe("2024-12-27");
    expect(businessDayOnOrBefore("2026-02-23")).toBe("2026-02-20"); // 天皇誕生日 (Mon)
    // The "before" reminder never falls on or after the moved deadline-day reminder.
    expect(reminderDates("2026-02-23", 1, true)).toEqual({ before: null, day: "2026-02-20" });
  });

  it("says which reminder is due today, catching up a missed 'before' run but never on or after the day", () => {
    const deadline = "2025-10-31"; // Friday
    expect(dueReminder("2025-10-27", deadline, 3, true)).toBeNull();
    expect(dueReminder("2025-10-28", deadline, 3, true)).toEqual({ kind: "before", key: "before:2025-10-28" });
    expect(dueReminder("2025-10-29", deadline, 3, true)).toEqual({ kind: "before", key: "before:2025-10-28" });
    expect(dueReminder("2025-10-31", deadline, 3, true)).toEqual({ kind: "day", key: "day:2025-10-31" });
    expect(dueReminder("2025-11-01", deadline, 3, true)).toBeNull();
    expect(dueReminder("2025-10-31", deadline, 3, false)).toEqual({ kind: "before", key: "before:2025-10-28" });
    expect(dueReminder("2025-10-28", deadline, null, true)).toBeNull();
  });
});
