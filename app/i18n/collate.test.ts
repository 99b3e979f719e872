import { describe, expect, it } from "vitest";
import { provinceOptions } from "../modules/applications/admin-list.server";
import { listGroupsActableBy } from "../modules/groups/groups.server";
import { makeGroups, makeUser } from "../testing/factories";
import { compareText, sortByText } from "./collate";

// Vietnamese alphabetical order wherever a list is sorted for people: "Đ…" among the D's, not last.

describe("Vietnamese order", () => {
  it("compares as Vietnamese readers order names", () => {
    const names = ["Yên Bái", "Đồng Tháp", "Điện Biên", "Cao Bằng", "Đà Nẵng", "Gia Lai", "An Giang", "Dak Nông"];
    expect(sortByText(names, (n) => n)).toEqual(["An Giang", "Cao Bằng", "Dak Nông", "Đà Nẵng", "Điện Biên", "Đồng Tháp", "Gia Lai", "Yên Bái"]);
    expect(compareText("Nhóm 2", "Nhóm 10")).toBeLessThan(0);
  });

  it("orders lists read from the database the same way: the province filter, the groups list", async () => {
    const names = (await provinceOptions()).map((p) => p.nameVi);
    const firstD = names.findIndex((n) => n.startsWith("Đ"));
    expect(firstD).toBeGreaterThan(0);
    expect(names.slice(firstD).every((n) => n.startsWith("Đ"))).toBe(false);
    expect(names.indexOf("Đà Nẵng")).toBeLessThan(names.indexOf("Gia Lai"));

    const leader = await makeUser(["applicant"]);
    await makeGroups(["Nhóm Yên", "Đoàn kết Bản Lướt", "Dệt Tả Van", "Bản Hồ"].map((name) => ({ name, ownerId: leader.id })));
    const listed = await listGroupsActableBy({ ...leader, roles: ["applicant"] } as never);
    expect(listed.map((g) => g.name)).toEqual(["Bản Hồ", "Dệt Tả Van", "Đoàn kết Bản Lướt", "Nhóm Yên"]);
  });
});
