import { describe, expect, it } from "vitest";
import { z } from "zod";
import { email, optionalPhone, text } from "./fields";
import { parseForm } from "./parse-form.server";

const schema = z.object({
  name: text({ max: 10 }),
  phone: optionalPhone(),
  contact: email(),
  tags: z.array(z.enum(["a", "b"], { error: "errors.invalid" })).default([]),
});

function form(fields: [string, string][]) {
  const data = new FormData();
  for (const [k, v] of fields) data.append(k, v);
  return data;
}

describe("parseForm", () => {
  it("parses, trims, normalises phones and Vietnamese letters, collects repeated fields", async () => {
    // "Mai" written with a combining accent (as some keyboards send it) becomes one letter.
    const result = await parseForm(
      form([["name", "  Ma\u0300i "], ["phone", "091-234-5678"], ["contact", "Mai@Example.org"], ["tags", "a"], ["tags", "b"]]),
      schema,
    );
    expect(result).toEqual({ ok: true, data: { name: "Mài", phone: "+84912345678", contact: "mai@example.org", tags: ["a", "b"] } });
  });

  it("reports each bad field by name with a catalogue key", async () => {
    const result = await parseForm(
      form([["name", "x".repeat(11)], ["phone", "123"], ["contact", "nope"], ["tags", "c"]]),
      schema,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        name: "errors.tooLong?max=10",
        phone: "errors.phoneInvalid",
        contact: "errors.emailInvalid",
        tags: "errors.invalid",
        "tags.0": "errors.invalid",
      },
      // What was typed comes back, so the form can be shown again filled in.
      values: { name: "x".repeat(11), phone: "123", contact: "nope", tags: "c" },
    });
  });

  it("refuses fields the form does not have, such as a forged status", async () => {
    const result = await parseForm(
      form([["name", "Mai"], ["contact", "a@b.org"], ["status", "approved"], ["password", "secret-1"]]),
      schema,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual({ "": "errors.unexpectedField" });
      // Passwords are never sent back.
      expect(result.values).toEqual({ name: "Mai", contact: "a@b.org", status: "approved" });
    }
  });

  it("refuses NUL bytes and a missing required field", async () => {
    const result = await parseForm(form([["name", "a\u0000b"]]), schema);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.name).toBe("errors.invalidCharacters");
      expect(result.errors.contact).toBe("errors.required");
    }
  });

  it("refuses an oversized body before reading it", async () => {
    const request = new Request("http://localhost/x", {
      method: "POST",
      body: new URLSearchParams({ name: "x".repeat(300_000) }),
    });
    expect(await parseForm(request, schema)).toEqual({ ok: false, errors: { "": "errors.formTooLarge" }, values: {} });
  });
});
