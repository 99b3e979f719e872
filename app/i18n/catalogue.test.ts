import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalogueKeys, translator } from "./i18n";

describe("message catalogues", () => {
  it("have the same keys in Vietnamese and English, none empty", () => {
    expect(catalogueKeys("en").sort()).toEqual(catalogueKeys("vi").sort());
    for (const locale of ["vi", "en"] as const) {
      const t = translator(locale);
      for (const key of catalogueKeys(locale)) expect(t.dynamic(key).trim(), `${locale} ${key}`).not.toBe("");
    }
  });

  it("contain every validation key the schemas use", () => {
    // Keys are written as string literals "errors.…"; each must exist in the catalogue.
    const sources = ["app/forms/fields.ts", "app/modules/auth/auth.schema.ts", "app/modules/users/users.schema.ts"];
    const keys = new Set<string>();
    for (const file of sources) {
      for (const match of fs.readFileSync(path.resolve(file), "utf8").matchAll(/"(errors\.[A-Za-z]+)/g)) keys.add(match[1]);
    }
    expect(keys.size).toBeGreaterThan(5);
    const vi = new Set(catalogueKeys("vi"));
    expect([...keys].filter((k) => !vi.has(k))).toEqual([]);
  });

  it("fills placeholders, also those carried by validation messages", () => {
    expect(translator("vi")("home.welcome", { name: "Mai" })).toBe("Xin chào, Mai");
    expect(translator("en").dynamic("errors.tooLong?max=120")).toBe("Too long: at most 120 characters.");
  });
});

describe("plurals", () => {
  it("choose the form the language's plural rules ask for the number", () => {
    const en = translator("en");
    expect(en("screening.list.count", { count: 1 })).toBe("1 application");
    expect(en("screening.list.count", { count: 2 })).toBe("2 applications");
    expect(en("screening.list.count", { count: 0 })).toBe("0 applications");
    expect(en.dynamic("reviews.admin.autoDone?assigned=1&short=3")).toBe("1 review assigned. 3 applications are still missing reviewers.");
    expect(translator("vi")("screening.list.count", { count: 1 })).toBe("1 hồ sơ");
  });

  it("are well formed wherever a catalogue uses them: no plural left unread", () => {
    for (const locale of ["vi", "en"] as const) {
      const t = translator(locale);
      for (const key of catalogueKeys(locale)) {
        const template = t.dynamic(key);
        const names = [...template.matchAll(/\{(\w+), plural,/g)].map((m) => m[1]);
        if (names.length === 0) continue;
        const filled = t.dynamic(key, Object.fromEntries(names.map((n) => [n, 1])));
        expect(filled, `${locale} ${key}`).not.toMatch(/plural,/);
      }
    }
  });
});

describe("one word per concept (DECISIONS.md 48)", () => {
  it("says “vòng” / “round” for a round and “đợt” / “tranche” for a tranche, never one for the other", () => {
    const vi = translator("vi");
    const en = translator("en");
    const mixed: string[] = [];
    for (const key of catalogueKeys("vi")) {
      const [v, e] = [vi.dynamic(key).toLowerCase(), en.dynamic(key).toLowerCase()];
      const round = /\brounds?\b/.test(e);
      const tranche = /\btranches?\b/.test(e);
      if (round && !tranche && /đợt/.test(v)) mixed.push(`${key}: a round called “đợt”`);
      if (tranche && !round && /vòng/.test(v)) mixed.push(`${key}: a tranche called “vòng”`);
      if (/vòng/.test(v) && !round) mixed.push(`${key}: “vòng” for something else than a round`);
    }
    expect(mixed).toEqual([]);
  });
});
