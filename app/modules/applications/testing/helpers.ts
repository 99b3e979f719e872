import { count, eq } from "drizzle-orm";
import sharp from "sharp";
import type { PgTable } from "drizzle-orm/pg-core";
import {
  applications,
  attachments,
  auditLog,
  budgetLines,
  notifications,
  outbox,
} from "../../../../db/schema";
import { db } from "../../../infra/db.server";
import { makeGroup } from "../../../testing/factories";
import { person, postForm, type TestServer } from "../../../testing/fixtures";

// Helpers for the applications tests (rows come from app/testing/factories, a logged-in person
// from app/testing/fixtures): a group's leader, and the answers of a complete application as the
// wizard's forms post them.

/** A group led by a new applicant, with her logged-in session. */
export async function groupWithLeader(server: TestServer, name?: string) {
  const leader = await person(server, ["applicant"], "Lò Thị Hoa");
  const groupId = (await makeGroup({ ownerId: leader.id, name: name ?? "Tổ hợp tác sa nhân Bản Lướt" })).id;
  return { leader, groupId };
}

/** The answers of every form step of a complete application, as the forms post them. */
export const completeAnswers: Record<1 | 2 | 3 | 4, Record<string, string | string[]>> = {
  1: {
    title: "Trồng và sấy sa nhân tím dưới tán rừng",
    activityType: "medicinal_herbs",
    naturalResource: "Rừng cộng đồng của bản",
    location: "Bản Lướt, xã Tả Van",
    problem: "Chị em bán sa nhân tươi giá thấp vì không có chỗ sấy.",
    plan: "Tháng 3: làm lò sấy.\nTháng 4–5: tập huấn cho 20 chị em.",
  },
  2: {
    item: ["Lò sấy bằng củi", "Giống sa nhân"],
    quantity: ["2", "1000"],
    unitCost: ["4.500.000", "12.000"],
    ownContributionCash: "2.000.000",
    ownContributionKind: "30 ngày công dựng nhà sấy",
  },
  3: { membersTakingPart: "25", womenTakingPart: "21", baselineIncome: "1.500.000", targetIncome: "2.500.000" },
  4: { environmentalCare: "Chỉ hái quả chín, trồng bù 200 cây mỗi năm." },
};

/** 2 × 4.500.000 + 1.000 × 12.000 */
export const completeTotal = 21_000_000n;

/** Rows in every table a refused post must leave alone, to compare before and after. */
export async function writtenRows() {
  const tables = { applications, budgetLines, attachments, auditLog, outbox, notifications };
  const entries = await Promise.all(
    Object.entries(tables).map(async ([name, table]: [string, PgTable]) => [name, (await db.select({ n: count() }).from(table))[0].n] as const),
  );
  return Object.fromEntries(entries);
}

export async function applicationRow(id: string) {
  const [row] = await db.select().from(applications).where(eq(applications.id, id));
  return row;
}

/** A small JPEG carrying what a phone writes: camera make, GPS position, and a sideways orientation. */
export async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 20, channels: 3, background: "#3a5" } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({ IFD0: { Make: "PhoneCo", Model: "Cheap 1" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "22/1 20/1 0/1" } })
    .toBuffer();
}

/** Posts a file the way a browser's multipart form does. */
export function upload(url: string, cookie: string, file: { bytes: Uint8Array; name: string; type?: string }, fields: Record<string, string> = {}) {
  const body = new FormData();
  body.set("intent", "upload");
  body.set("kind", "photo");
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  body.set("file", new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type ?? "application/octet-stream" }), file.name);
  return fetch(url, { method: "POST", body, redirect: "manual", headers: { Cookie: cookie } });
}

/** Starts the group's draft through the real form, as the rounds page does. */
export async function startDraft(server: TestServer, cookie: string, roundId: string, groupId: string): Promise<string> {
  const response = await postForm(`${server.url}/applications/new`, { round: roundId, group: groupId }, { cookie });
  const match = response.headers.get("Location")?.match(/\/applications\/([0-9a-f-]{36})\/step\/\d$/);
  if (!match) throw new Error(`could not start a draft: ${response.status}`);
  return match[1];
}

/** Fills every form step with complete answers, through the real forms. */
export async function fillComplete(server: TestServer, cookie: string, id: string) {
  for (const n of [1, 2, 3, 4] as const) {
    const response = await postForm(`${server.url}/applications/${id}/step/${n}`, { intent: "next", ...completeAnswers[n] }, { cookie });
    if (response.status !== 302) throw new Error(`step ${n} refused: ${response.status}`);
  }
}
