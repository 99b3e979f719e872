import { describe, expect, it } from "vitest";
import { z } from "zod";
import * as zm from "zod/mini";
import { groupSchema } from "../modules/groups/groups.schema";
import { text } from "./fields";
import { text as miniText } from "./fields-mini";
import { maxLengthOf } from "./limits";

describe("limits read from a form's schema", () => {
  it("give each text field its longest length, in both zod APIs, through defaults, pipes and rows", () => {
    expect(maxLengthOf(groupSchema, "name")).toBe(120);
    const classic = z.object({ note: text({ max: 500, required: false }), rows: z.array(z.object({ item: text({ max: 80 }) })) });
    expect(maxLengthOf(classic, "note")).toBe(500);
    expect(maxLengthOf(classic, "rows.3.item")).toBe(80);
    const mini = zm.object({ title: zm.pipe(miniText({ max: 150 }), zm.transform((s: string) => s)) });
    expect(maxLengthOf(mini, "title")).toBe(150);
    expect(maxLengthOf(mini, "nothing")).toBeUndefined();
  });
});
