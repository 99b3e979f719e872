import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeAudit } from "./audit.server";
import { db } from "../../infra/db.server";
import { makeGroup } from "../../testing/factories";
import { get, person, startServer, type Person, type TestServer } from "../../testing/fixtures";

// The audit log as staff read it: sentences in their language, no raw codes, ids or addresses,
// filters by person, group, kind and date, and the same rows as CSV for an auditor.

let server: TestServer;
let admin: Person;

beforeAll(async () => {
  server = await startServer();
  admin = await person(server, ["admin"], "Lò Thị Hoa");
  const other = await person(server, ["finance"], "Đặng Văn Nam");
  const group = await makeGroup({ name: "Nhóm dệt Tả Van" });
  await writeAudit(db, { actorId: admin.id, action: "group.updated", entityType: "group", entityId: group.id, ip: "::1", data: { fields: ["name"] } });
  await writeAudit(db, { actorId: other.id, action: "auth.login", entityType: "user", entityId: other.id, ip: "203.0.113.9" });
});

afterAll(() => server.close());

const page = async (query = "") => (await (await get(`${server.url}/admin/audit${query}`, admin.cookie)).text()).replace(/<script[\s\S]*?<\/script>/g, "");

describe("the audit log page", () => {
  it("reads each row as a sentence: who, for which group, did what", async () => {
    const html = await page();
    expect(html).toContain("Lò Thị Hoa, cho Nhóm dệt Tả Van, sửa thông tin nhóm");
    expect(html).toContain("Đặng Văn Nam đăng nhập");
    expect(html).not.toContain("group.updated");
    expect(html).not.toContain("::1");
    expect(html).not.toContain('{"fields"');
  });

  it("filters by person, group, kind and date", async () => {
    expect(await page("?person=dang van")).not.toContain("sửa thông tin nhóm");
    expect(await page("?person=dang van")).toContain("Đặng Văn Nam đăng nhập");
    expect(await page("?group=ta van")).not.toContain("Đặng Văn Nam đăng nhập");
    expect(await page("?kind=group")).toContain("sửa thông tin nhóm");
    expect(await page("?kind=group")).not.toContain("Đặng Văn Nam đăng nhập");
    expect(await page("?to=01/01/2020")).toContain("Chưa có dòng nào.");
  });

  it("exports the filtered rows as CSV, codes kept beside the words", async () => {
    const response = await get(`${server.url}/admin/audit.csv?group=ta+van`, admin.cookie);
    expect(response.status).toBe(200);
    const csv = await response.text();
    expect(csv).toContain("Lò Thị Hoa,Nhóm dệt Tả Van,sửa thông tin nhóm,group.updated,group,::1");
    expect(csv).not.toContain("Đặng Văn Nam");
  });
});
