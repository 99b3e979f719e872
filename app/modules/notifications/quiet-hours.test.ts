import { describe, expect, it } from "vitest";
import { isQuietHour, parseQuietHours } from "./quiet-hours";

// Hours in Viet Nam (UTC+7): 14:00 UTC is 21:00 there.
const at = (utc: string) => new Date(`2026-12-04T${utc}:00Z`);

describe("quiet hours", () => {
  it("run from 21:00 to 07:00 in Viet Nam by default", () => {
    expect(isQuietHour(at("13:59"))).toBe(false); // 20:59
    expect(isQuietHour(at("14:00"))).toBe(true); // 21:00
    expect(isQuietHour(at("23:59"))).toBe(true); // 06:59
    expect(isQuietHour(at("00:00"))).toBe(false); // 07:00
  });

  it("follow PHONE_QUIET_HOURS, or none at all", () => {
    expect(isQuietHour(at("15:30"), parseQuietHours("22-6"))).toBe(true); // 22:30
    expect(isQuietHour(at("15:30"), parseQuietHours("23-6"))).toBe(false); // 22:30
    expect(isQuietHour(at("16:30"), parseQuietHours("23-6"))).toBe(true); // 23:30
    expect(isQuietHour(at("06:00"), parseQuietHours("12-14"))).toBe(true); // 13:00
    expect(isQuietHour(at("16:30"), parseQuietHours("none"))).toBe(false);
  });
});
