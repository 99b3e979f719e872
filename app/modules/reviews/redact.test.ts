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
    for (const phone of ["0912345678", "0912 345 678", "0912.345.678", "+84 912 345 678", "+84912345678", "84912345678", "024 3825 1234"]) {
      expect(redactFreeText(`Gọi ${phone} nhé`, secrets)).toBe(`Gọi ${REDACTED} nhé`);
    }
  });

  it("keeps amounts, years and small numbers", () => {
    const text = "Mua 120 cây giống, 50.000.000 đồng, 100.000.000 ₫, năm 2026, 1.500 kg";
    expect(redactFreeText(text, secrets)).toBe(text);
  });

  it("takes out the group's account number but not other long numbers", () => {
    expect(redactFreeText("STK 1903 4567 890 537 tại Agribank", secrets)).toBe(`STK ${REDACTED} tại Agribank`);
    expect(redactFreeText("Mã số 123456789", secrets)).toBe("Mã số 123456789");
  });
});
