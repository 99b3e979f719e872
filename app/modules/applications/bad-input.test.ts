import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRound } from "../../testing/factories";
import { postForm, startServer, type Person, type TestServer } from "../../testing/fixtures";
import {
  applicationRow,
  completeAnswers,
  fillComplete,
  groupWithLeader,
  phonePhoto,
  startDraft,
  upload,
  writtenRows,
} from "./testing/helpers";

// Every kind of bad input the issue names, at the HTTP level: a 400 with the field's message in
// Vietnamese, and nothing written anywhere.

let server: TestServer;
let leader: Person;
let id: string;
beforeAll(async () => {
  server = await startServer();
  const roundId = (await makeRound({ eligibleActivities: ["medicinal_herbs", "forest_products"] })).id;
  const group = await groupWithLeader(server);
  leader = group.leader;
  id = await startDraft(server, leader.cookie, roundId, group.groupId);
  await fillComplete(server, leader.cookie, id);
});
afterAll(() => server.close());

const step = (n: number) => `${server.url}/applications/${id}/step/${n}`;
const longText = "Rừng ".repeat(2000);

const cases: [string, number, Record<string, string | string[]>, string][] = [
  ["negative amount", 2, { ...completeAnswers[2], unitCost: ["-5", "12.000"] }, "Số tiền chỉ gồm chữ số, không âm, không có phần lẻ."],
  ["fractional amount", 2, { ...completeAnswers[2], unitCost: ["1,5", "12.000"] }, "Số tiền chỉ gồm chữ số, không âm, không có phần lẻ."],
  ["exponent amount", 3, { ...completeAnswers[3], baselineIncome: "5e7" }, "Số tiền chỉ gồm chữ số, không âm, không có phần lẻ."],
  ["25-digit amount", 3, { ...completeAnswers[3], targetIncome: "1234567890123456789012345" }, "Số tiền quá lớn."],
  ["25-digit contribution", 2, { ...completeAnswers[2], ownContributionCash: "1234567890123456789012345" }, "Số tiền quá lớn."],
  ["amount over a thousand billion", 2, { ...completeAnswers[2], unitCost: ["999999999999999", "12.000"] }, "Số tiền quá lớn."],
  ["fractional quantity", 2, { ...completeAnswers[2], quantity: ["1.5", "1000"] }, "Hãy nhập một số nguyên."],
  ["zero quantity", 2, { ...completeAnswers[2], quantity: ["0", "1000"] }, "Hãy nhập một số từ 1 đến 10000."],
  ["10,000-character answer", 1, { ...completeAnswers[1], problem: longText }, "Quá dài: tối đa 2000 ký tự."],
  ["10,000-character budget item", 2, { ...completeAnswers[2], item: [longText, "Giống"] }, "Quá dài: tối đa 200 ký tự."],
  ["NUL byte in a text", 1, { ...completeAnswers[1], title: "Sa nhân\u0000tím" }, "Có ký tự không hợp lệ. Vui lòng gõ lại."],
  ["NUL byte in an amount", 3, { ...completeAnswers[3], baselineIncome: "1500\u0000000" }, "Số tiền chỉ gồm chữ số"],
  ["unknown activity type", 1, { ...completeAnswers[1], activityType: "gold_mining" }, "Hãy chọn một loại hoạt động trong danh sách."],
  ["activity type the round does not fund", 1, { ...completeAnswers[1], activityType: "eco_tourism" }, "Vòng này không tài trợ loại hoạt động này."],
  ["more women than members", 3, { ...completeAnswers[3], membersTakingPart: "10", womenTakingPart: "11" }, "Số phụ nữ không thể nhiều hơn số thành viên tham gia."],
  ["women without members, against the saved count", 3, { womenTakingPart: "26" }, "Số phụ nữ không thể nhiều hơn số thành viên tham gia."],
  ["half-filled budget line", 2, { ...completeAnswers[2], item: ["Lò sấy", "Bao tải"], quantity: ["2", ""], unitCost: ["4.500.000", "8.000"] }, "Mỗi khoản chi cần đủ tên, số lượng và đơn giá."],
  ["extra field status", 1, { ...completeAnswers[1], status: "eligible" }, "Biểu mẫu có mục không được phép."],
  ["extra field groupId", 1, { ...completeAnswers[1], groupId: "00000000-0000-0000-0000-000000000000" }, "Biểu mẫu có mục không được phép."],
  ["extra field requestedAmount", 2, { ...completeAnswers[2], requestedAmount: "1" }, "Biểu mẫu có mục không được phép."],
  ["extra field step", 3, { ...completeAnswers[3], step: "6" }, "Biểu mẫu có mục không được phép."],
  ["extra field on the review", 6, { intent: "submit", consent: "yes", status: "eligible" }, "Biểu mẫu có mục không được phép."],
  ["consent other than yes", 6, { intent: "submit", consent: "maybe" }, "Hãy đánh dấu vào ô cam kết để nộp hồ sơ."],
];

describe("bad input on the wizard's forms", () => {
  it.each(cases)("refuses %s with a 400, the message, and nothing written", async (_name, n, fields, message) => {
    const before = { rows: await writtenRows(), application: await applicationRow(id) };
    const response = await postForm(step(n), { intent: "stay", ...fields }, { cookie: leader.cookie });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(message);
    expect(await writtenRows()).toEqual(before.rows);
    expect(await applicationRow(id)).toEqual(before.application);
  });

  it("gives the refused answers back, so that nothing typed is lost", async () => {
    const response = await postForm(step(1), { intent: "stay", ...completeAnswers[1], title: "Tên mới", problem: longText }, { cookie: leader.cookie });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('value="Tên mới"');
    expect(html).not.toContain("\u0000");
  });
});

describe("bad files", () => {
  async function refusedUpload(file: { bytes: Uint8Array; name: string; type?: string }, message: string, fields: Record<string, string> = {}) {
    const before = await writtenRows();
    const response = await upload(step(5), leader.cookie, file, fields);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(message);
    expect(await writtenRows()).toEqual(before);
  }

  it("refuses a Windows program renamed .jpg, judged by its bytes", async () => {
    const exe = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00", "latin1"), Buffer.alloc(4096, 7)]);
    await refusedUpload({ bytes: exe, name: "anh-vuon.jpg", type: "image/jpeg" }, "Chỉ nhận ảnh JPEG, PNG, WebP hoặc tệp PDF.");
  });

  it("refuses a file that starts like a JPEG but is not one", async () => {
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 1)]);
    await refusedUpload({ bytes: fake, name: "anh.jpg", type: "image/jpeg" }, "Chỉ nhận ảnh JPEG, PNG, WebP hoặc tệp PDF.");
  });

  it("refuses an 11 MB file", async () => {
    const big = Buffer.concat([await phonePhoto(), Buffer.alloc(11 * 1024 * 1024, 1)]);
    await refusedUpload({ bytes: big, name: "anh-lon.jpg", type: "image/jpeg" }, "Tệp quá lớn: tối đa 10 MB.");
  });

  it("holds the 10 MB limit on a body sent without a length (chunked): the server stops reading", async () => {
    const before = await writtenRows();
    const boundary = "----gieo-test";
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nphoto\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    );
    const outcome = await new Promise<{ status?: number; body?: string; error?: string; sentMb: number }>((resolve) => {
      let sent = 0;
      const request = http.request(step(5), {
        method: "POST",
        headers: { Cookie: leader.cookie, "Content-Type": `multipart/form-data; boundary=${boundary}`, "Transfer-Encoding": "chunked" },
      });
      request.on("response", (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () => resolve({ status: response.statusCode, body: Buffer.concat(chunks).toString("utf8"), sentMb: sent }));
      });
      // Cutting the connection is the server's other way of refusing to read on.
      request.on("error", (error) => resolve({ error: (error as NodeJS.ErrnoException).code, sentMb: sent }));
      request.write(head);
      const pump = () => {
        while (sent < 64) {
          sent++;
          if (!request.write(Buffer.alloc(1024 * 1024, 1))) return void request.once("drain", pump);
        }
        request.end();
      };
      pump();
    });
    if (outcome.status !== undefined) {
      expect(outcome.status).toBe(400);
      expect(outcome.body).toContain("Tệp quá lớn: tối đa 10 MB.");
    } else {
      expect(outcome.error).toMatch(/ECONNRESET|EPIPE/);
    }
    // 64 MB offered; the server gave up long before taking them all.
    expect(outcome.sentMb).toBeLessThan(64);
    expect(await writtenRows()).toEqual(before);
    // And it still serves the next request.
    const after = await postForm(step(1), { intent: "stay", ...completeAnswers[1] }, { cookie: leader.cookie });
    expect(after.status).toBe(302);
  });

  it("refuses an empty file, an unknown kind and extra fields", async () => {
    await refusedUpload({ bytes: new Uint8Array(), name: "trong.jpg" }, "Hãy chọn một tệp.");
    await refusedUpload({ bytes: await phonePhoto(), name: "a.jpg" }, "Giá trị này không hợp lệ.", { kind: "passport" });
    await refusedUpload({ bytes: await phonePhoto(), name: "a.jpg" }, "Biểu mẫu có mục không được phép.", { applicationId: id });
  });
});

describe("bad starts", () => {
  it("refuses a start without a round or group, or with ids that are not ids", async () => {
    const before = await writtenRows();
    const empty = await postForm(`${server.url}/applications/new`, {}, { cookie: leader.cookie });
    expect(empty.status).toBe(400);
    const html = await empty.text();
    expect(html).toContain("Hãy chọn nhóm.");
    expect(html).toContain("Hãy chọn vòng.");
    const forged = await postForm(`${server.url}/applications/new`, { round: "1; drop table", group: "x" }, { cookie: leader.cookie });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain("Giá trị này không hợp lệ.");
    const extra = await postForm(`${server.url}/applications/new`, { round: crypto.randomUUID(), group: crypto.randomUUID(), status: "submitted" }, { cookie: leader.cookie });
    expect(extra.status).toBe(400);
    expect(await writtenRows()).toEqual(before);
  });
});
