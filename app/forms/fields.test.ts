import { describe, expect, it } from "vitest";
import { isIsoDate, isIsoDateTime, safeRedirectPath } from "./fields-mini";

describe("dates people type", () => {
  it.each(["2025-02-30", "2025-02-29", "2025-04-31", "2025-13-01", "2025-00-10", "2025-1-1"])("%s is no day", (day) => {
    expect(isIsoDate(day)).toBe(false);
  });

  it.each(["2024-02-29", "2025-12-31", "2025-01-01"])("%s is a day", (day) => {
    expect(isIsoDate(day)).toBe(true);
  });

  it("a date and minute must exist too (a round's opening)", () => {
    expect(isIsoDateTime("2026-02-28T23:59")).toBe(true);
    expect(isIsoDateTime("2026-02-30T10:00")).toBe(false);
    expect(isIsoDateTime("2026-03-01T24:00")).toBe(false);
    expect(isIsoDateTime("2026-03-01T10:60")).toBe(false);
  });
});

describe("redirect targets from the user", () => {
  it.each([
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\nSet-Cookie: a=b",
    "/\\evil.example",
    "\\\\evil.example",
    "//evil.example",
    "https://evil.example",
    "javascript:alert(1)",
    "",
    undefined,
  ])("%j goes home", (target) => {
    expect(safeRedirectPath(target)).toBe("/");
  });

  it("keeps clean paths, query and fragment, and percent-encodes what a header cannot carry", () => {
    expect(safeRedirectPath("/applications?tab=2#top")).toBe("/applications?tab=2#top");
    expect(safeRedirectPath("/nhóm")).toBe("/nh%C3%B3m");
  });
});
