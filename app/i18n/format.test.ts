import { describe, expect, it } from "vitest";
import { amountInWords, formatDate, formatDateTime, formatMoney, formatMoneyWithWords } from "./format";

// Intl puts a no-break space before the đồng sign; compare with ordinary spaces.
const plain = (s: string) => s.replace(/\u00a0/g, " ");

describe("money", () => {
  it("formats đồng the Vietnamese and the English way", () => {
    expect(plain(formatMoney(50_000_000n, "vi"))).toBe("50.000.000 ₫");
    expect(formatMoney(50_000_000n, "en")).toBe("₫50,000,000");
    expect(plain(formatMoney(0, "vi"))).toBe("0 ₫");
  });

  it("keeps every đồng of amounts beyond a float's precision", () => {
    expect(formatMoney(9_007_199_254_740_993n, "en")).toBe("₫9,007,199,254,740,993");
  });

  it("formats currencies that have a minor unit from integer cents", () => {
    expect(formatMoney(123_456n, "en", "USD")).toBe("$1,234.56");
  });
});

describe("amount in words", () => {
  it("says the amount in Vietnamese and English", () => {
    expect(amountInWords(50_000_000n, "vi")).toBe("năm mươi triệu đồng");
    expect(amountInWords(50_000_000n, "en")).toBe("fifty million dong");
    expect(amountInWords(1_250_000, "vi")).toBe("một triệu hai trăm năm mươi nghìn đồng");
    expect(amountInWords(0, "vi")).toBe("không đồng");
  });

  it("pairs figures and words", () => {
    expect(plain(formatMoneyWithWords(50_000_000n, "vi"))).toBe("50.000.000 ₫ — năm mươi triệu đồng");
  });
});

describe("dates", () => {
  it("writes dd/mm/yyyy in Viet Nam's time zone", () => {
    // 20:30 UTC on 31 Dec is already 1 Jan in Ha Noi.
    expect(formatDate(new Date("2026-12-31T20:30:00Z"), "vi")).toBe("01/01/2027");
    expect(formatDate("2026-07-05T00:00:00Z", "en")).toBe("05/07/2026");
    expect(formatDateTime(new Date("2026-07-05T01:02:00Z"), "vi")).toBe("05/07/2026 08:02");
  });
});
