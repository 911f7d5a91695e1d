import { describe, expect, it } from "vitest";
import { msUntilNextRun } from "../../../scripts/lib/daily-schedule";

describe("msUntilNextRun", () => {
  it("is the time to the next 00:05 in Shanghai", () => {
    // 23:00 Shanghai (15:00 UTC) → 65 minutes.
    expect(msUntilNextRun(new Date("2026-11-23T15:00:00Z"))).toBe(65 * 60_000);
    // 00:05 Shanghai exactly → the next day.
    expect(msUntilNextRun(new Date("2026-11-22T16:05:00Z"))).toBe(24 * 3600_000);
    // 10:00 Shanghai (02:00 UTC) → 14 h 5 min.
    expect(msUntilNextRun(new Date("2026-11-23T02:00:00Z"))).toBe((14 * 60 + 5) * 60_000);
  });
});
