import { SegmentedMessage } from "sms-segments-calculator";
import { describe, expect, it } from "vitest";
import { amountInWords, formatMoney } from "../../i18n/format";
import { phoneTexts, renderPhoneText, unaccented, ZALO_MAX_CHARS, type PhoneTextName } from "./phone-texts.server";

// Every phone text, in both languages, with the longest values people really give: group names
// and titles of 200 characters, the largest amount with its words, the longest report labels.
const longest: Record<string, string> = {
  group: "Tổ hợp tác phụ nữ dân tộc Mông trồng dược liệu và dệt thổ cẩm bản Sà Phìn thượng ".repeat(3).slice(0, 200),
  title: "Mở rộng vườn ươm sa nhân tím dưới tán rừng và xây lò sấy dùng chung cho cả bản ".repeat(3).slice(0, 200),
  report: "Báo cáo kết quả tháng thứ mười hai sau khi nhận tiền",
  date: "31/12/2027",
  code: "987654",
  minutes: "5",
  by: "Nguyễn Thị Thu Hương Phương Thảo Ngọc Lan",
};

function paramsFor(name: PhoneTextName, locale: "vi" | "en"): Record<string, string> {
  const amount = 999_999_999;
  const words = [777_777_777, 999_999_999].map((a) => amountInWords(a, locale)).sort((a, b) => b.length - a.length)[0];
  const values = { ...longest, amount: formatMoney(amount, locale), words };
  return Object.fromEntries(Object.keys(phoneTexts[name].params).map((key) => [key, values[key as keyof typeof values] ?? ""]));
}

const names = Object.keys(phoneTexts) as PhoneTextName[];

describe("phone texts", () => {
  it.each(names.flatMap((name) => (["vi", "en"] as const).map((locale) => [name, locale] as const)))(
    "%s (%s) fits its SMS budget and ZNS's 400 characters with the longest values",
    (name, locale) => {
      const rendered = renderPhoneText(name, paramsFor(name, locale), locale);
      const counted = new SegmentedMessage(rendered.sms);
      expect(counted.segmentsCount, rendered.sms).toBeLessThanOrEqual(phoneTexts[name].segments);
      expect(rendered.segments).toBe(counted.segmentsCount);
      expect([...rendered.zalo].length, rendered.zalo).toBeLessThanOrEqual(ZALO_MAX_CHARS);
      // No placeholder is left unfilled.
      expect(rendered.sms).not.toMatch(/\{\w+\}/);
    },
  );

  it("cuts a group name of 200 characters, marking the cut, and keeps the amount's words whole", () => {
    const rendered = renderPhoneText("money-sent", paramsFor("money-sent", "vi"), "vi");
    expect(rendered.params.group.length).toBeLessThanOrEqual(32);
    expect(rendered.params.group.endsWith("…")).toBe(true);
    expect(rendered.params.words).toBe(amountInWords(999_999_999, "vi"));
    expect(rendered.sms).toContain(amountInWords(999_999_999, "vi"));
  });

  it("keeps the marks when they fit the budget, and drops them only when they would not", () => {
    const short = renderPhoneText("report-approved", { group: "Nhóm Hoa Ban", report: "Tháng 6" }, "vi");
    expect(short.unicode).toBe(true);
    expect(short.sms).toContain("Báo cáo Tháng 6 của Nhóm Hoa Ban đã được duyệt");
    // With the longest names, the marks would cost more segments than some texts may: those go plain.
    const forced = names.map((name) => renderPhoneText(name, paramsFor(name, "vi"), "vi")).filter((r) => {
      const accented = new SegmentedMessage(r.zalo).segmentsCount;
      return accented > r.segments || r.sms !== r.zalo;
    });
    expect(forced.length).toBeGreaterThan(0);
    for (const r of forced) {
      expect(r.unicode).toBe(false);
      expect(r.sms).toBe(unaccented(r.zalo));
      // The Zalo form keeps its marks: ZNS counts characters, not segments.
      expect(r.zalo).not.toBe(r.sms);
    }
  });

  it("writes Vietnamese without marks as GSM-7", () => {
    const plain = unaccented("Đã chuyển 50.000.000 ₫ (năm mươi triệu đồng) — nhóm “Hoa Ban”…");
    expect(plain).toBe('Da chuyen 50.000.000 VND (nam muoi trieu dong) - nhom "Hoa Ban"...');
    expect(new SegmentedMessage(plain).getEncodingName()).toBe("GSM-7");
  });
});
