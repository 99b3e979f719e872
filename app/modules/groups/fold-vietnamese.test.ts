import { describe, expect, it } from "vitest";
import reference from "./reference/provinces-2025.json";
import { foldVietnamese, matchesSearch } from "./fold-vietnamese";
import { filterProvinces, type ProvinceOption } from "./provinces";

const provinces: ProvinceOption[] = reference.provinces.map((p) => ({
  slug: p.slug,
  nameVi: p.name_vi,
  nameEn: p.name_en,
  formerly: p.formerly,
}));

describe("foldVietnamese", () => {
  it("removes every mark, reads đ as d, and lowers case", () => {
    expect(foldVietnamese("Lào Cai")).toBe("lao cai");
    expect(foldVietnamese("ĐIỆN BIÊN")).toBe("dien bien");
    expect(foldVietnamese("Thừa Thiên Huế")).toBe("thua thien hue");
    expect(foldVietnamese("Bắc Giang")).toBe("bac giang");
    expect(foldVietnamese("Quảng Ngãi")).toBe("quang ngai");
    expect(foldVietnamese("ăâêôơưđ ẮẦẺỖỢỬĐ")).toBe("aaeooud aaeooud");
  });

  it("folds decomposed input (marks typed as separate characters) like precomposed", () => {
    expect(foldVietnamese("Lào Cai".normalize("NFD"))).toBe("lao cai");
    expect(foldVietnamese("Nghệ An".normalize("NFD"))).toBe(foldVietnamese("Nghệ An"));
  });

  it("turns punctuation and runs of spaces into single spaces", () => {
    expect(foldVietnamese("  Bà Rịa - Vũng Tàu ")).toBe("ba ria vung tau");
    expect(foldVietnamese("H'Mông")).toBe("h mong");
  });
});

describe("matchesSearch", () => {
  it("matches from the start of a word, ignores marks, and accepts names typed without spaces", () => {
    expect(matchesSearch("lao cai", ["Lào Cai"])).toBe(true);
    expect(matchesSearch("LÀO", ["Lào Cai"])).toBe(true);
    expect(matchesSearch("lao ca", ["Lào Cai"])).toBe(true);
    expect(matchesSearch("cai", ["Lào Cai"])).toBe(true);
    expect(matchesSearch("ao cai", ["Lào Cai"])).toBe(false);
    expect(matchesSearch("lao ninh", ["Lào Cai"])).toBe(false);
    expect(matchesSearch("ha giang", ["Hậu Giang"])).toBe(false);
    expect(matchesSearch("hanoi", ["Thành phố Hà Nội"])).toBe(true);
    expect(matchesSearch("   ", ["anything"])).toBe(true);
  });
});

describe("filterProvinces", () => {
  const find = (query: string) => filterProvinces(provinces, query).map((p) => p.nameVi);

  it("knows the 34 units", () => {
    expect(provinces).toHaveLength(34);
    expect(find("")).toHaveLength(34);
  });

  it("finds a unit by a former province merged into it, typed without marks", () => {
    expect(find("kon tum")).toEqual(["Quảng Ngãi"]);
    expect(find("bac giang")).toEqual(["Bắc Ninh"]);
    expect(find("yen bai")).toEqual(["Lào Cai"]);
    expect(find("ha giang")).toEqual(["Tuyên Quang"]);
  });

  it("finds a unit by its own name, in Vietnamese or English", () => {
    expect(find("lao cai")).toEqual(["Lào Cai"]);
    expect(find("Nghệ An")).toEqual(["Nghệ An"]);
    expect(find("ho chi minh")).toEqual(["Thành phố Hồ Chí Minh"]);
    expect(find("vung tau")).toEqual(["Thành phố Hồ Chí Minh"]);
  });

  it("finds nothing for a name that is no province", () => {
    expect(find("paris")).toEqual([]);
  });
});
