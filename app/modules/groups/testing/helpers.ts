// Shared by this module's tests: a valid registration, and reading what the pages show.
import { count, eq, type SQL } from "drizzle-orm";
import { auditLog, groupFacilitators, groupMembers, groups } from "../../../../db/schema";
import { db } from "../../../infra/db.server";
import { postForm, type TestServer } from "../../../testing/fixtures";

export function validGroup(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    province: "lao-cai",
    commune: "Xã Bản Hồ",
    village: "Bản Tả Van Dáy",
    name: "Tổ hợp tác dệt thổ cẩm Tả Van",
    kind: "cooperative",
    yearFormed: "2019",
    leaderName: "Giàng Thị Mai",
    phone: "0912 345 678",
    bankName: "Agribank Sa Pa",
    bankAccountHolder: "GIANG THI MAI",
    bankAccount: "",
    ...overrides,
  };
}

export function validMember(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    name: "Sùng Thị Dế",
    gender: "female",
    ethnicity: "08",
    birthYear: "1985",
    role: "member",
    consentGivenOn: "2025-03-01",
    consentMethod: "signed",
    consentWitness: "",
    ...overrides,
  };
}

/** Registers a group over HTTP as the given user and returns its id. */
export async function registerOver(server: TestServer, cookie: string, fields: Record<string, string> = {}): Promise<string> {
  const response = await postForm(`${server.url}/groups/new`, validGroup(fields), { cookie });
  const location = response.headers.get("Location") ?? "";
  const match = location.match(/^\/groups\/([0-9a-f-]{36})\?done=registered$/);
  if (response.status !== 302 || !match) {
    throw new Error(`registration failed: ${response.status} ${location} ${(await response.text()).slice(0, 500)}`);
  }
  return match[1];
}

export async function addMemberOver(server: TestServer, cookie: string, groupId: string, fields: Record<string, string> = {}) {
  const response = await postForm(`${server.url}/groups/${groupId}/members/new`, validMember(fields), { cookie });
  if (response.status !== 302) throw new Error(`adding a member failed: ${response.status} ${(await response.text()).slice(0, 500)}`);
}

export async function countRows(
  table: typeof groups | typeof groupMembers | typeof groupFacilitators | typeof auditLog,
  where?: SQL,
) {
  const [row] = await db.select({ n: count() }).from(table).where(where);
  return row.n;
}

export function auditCount(action: string) {
  return countRows(auditLog, eq(auditLog.action, action));
}

/** The options of a named <select> in a page: value, text, and whether it is selected. */
export function selectOptions(html: string, name: string) {
  const select = html.match(new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`));
  if (!select) throw new Error(`no <select name="${name}"> in the page`);
  return [...select[1].matchAll(/<option([^>]*)>([^<]*)<\/option>/g)].map((m) => ({
    value: m[1].match(/value="([^"]*)"/)?.[1] ?? "",
    text: m[2],
    selected: /\sselected=""/.test(m[1]),
  }));
}
