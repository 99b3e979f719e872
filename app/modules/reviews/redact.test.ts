import { describe, expect, it } from "vitest";
import { REDACTED, redactFreeText } from "./redact";

const secrets = { names: ["Lò Thị Hoa", "Sùng Thị Mỷ"], accountLast4: "0537" };

describe("redactFreeText", () => {
  it("takes out members' names, whatever their case", () => {
    expect(redactFreeText("Chị lò thị hoa giữ sổ; Sùng Thị Mỷ bán hàng.", secrets)).toBe(`Chị ${REDACTED} giữ sổ; ${REDACTED} bán hàng.`);
  });

  it("leaves a name that is only part of a longer word alone", () => {
    expect(redactFreeText("Lò Thị Hoađào", secrets)).toBe("Lò Thị Hoađào");
  });

  it("takes out phone numbers in every usual writing", () => {
    const phones = [
      "0912345678",
      "0912 345 678",
      "0912.345.678",
      "091.234.5678",
      "0912-345-678",
      "0912/345/678",
      "0912 34 56 78",
      "(091) 234-5678",
      "(0912) 345 678",
      "+84 912 345 678",
      "+84-912-345-678",
      "+84912345678",
      "+ 84 912 345 678",
      "(+84) 912 345 678",
      "(84) 912.345.678",
      "84912345678",
      "84 912 345 678",
      "024 3825 1234",
      "(024) 3825 1234",
      "024.3825.1234",
      "912 345 678",
    ];
    for (const phone of phones) {
      expect(redactFreeText(`Gọi ${phone} nhé`, secrets), phone).toBe(`Gọi ${REDACTED} nhé`);
      expect(redactFreeText(`SĐT:${phone}.`, secrets), phone).toBe(`SĐT:${REDACTED}.`);
    }
  });

  it("takes out e-mail addresses, also written to dodge filters", () => {
    const emails = [
      "mai.ly@gmail.com",
      "Mai_Ly+nhom@Yahoo.com.vn",
      "mai @ gmail.com",
      "mai@ gmail . com",
      "mai(at)gmail.com",
      "mai (at) gmail (dot) com",
      "mai [at] gmail [dot] com",
      "mai＠gmail.com",
      "lò.thị.hoa@hợptácxã.vn",
    ];
    for (const email of emails) {
      expect(redactFreeText(`Liên hệ ${email} để biết thêm`, secrets), email).toBe(`Liên hệ ${REDACTED} để biết thêm`);
    }
  });

  it("keeps amounts, years, dates and small numbers", () => {
    const texts = [
      "Mua 120 cây giống, 50.000.000 đồng, 100.000.000 ₫, năm 2026, 1.500 kg",
      "Tổng 1,500,000 VND; 2.000.000.000 đồng cho cả xã",
      "Ngày 12/03/2027, 30 hộ, 4 thôn, giá 25.000 đ/kg",
      "Chúng tôi dùng email để báo cáo, @ nhóm trưởng, at the market.",
    ];
    for (const text of texts) expect(redactFreeText(text, secrets)).toBe(text);
  });

  it("takes out account and ID numbers however they are grouped, and the group's own account even shaped as an amount", () => {
    expect(redactFreeText("STK 1903 4567 890 537 tại Agribank", secrets)).toBe(`STK ${REDACTED} tại Agribank`);
    expect(redactFreeText("STK 1903-4567-890537", secrets)).toBe(`STK ${REDACTED}`);
    expect(redactFreeText("TK: 0071000123456 Vietcombank", secrets)).toBe(`TK: ${REDACTED} Vietcombank`);
    expect(redactFreeText("CCCD 001 185 012 345", secrets)).toBe(`CCCD ${REDACTED}`);
    expect(redactFreeText("Mã số 123456789", secrets)).toBe(`Mã số ${REDACTED}`);
    expect(redactFreeText("số 190.345.670.537", secrets)).toBe(`số ${REDACTED}`);
  });
});
