import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { attachments, outbox } from "../../db/schema";
import { makeRound } from "../testing/factories";
import { groupWithLeader, phonePhoto, startDraft, upload } from "../modules/applications/testing/helpers";
import { address, tell } from "../modules/notifications/notifications.server";
import { makeActiveGrant } from "../testing/factories";
import { get, logInOver, makeUser, type TestServer } from "../testing/fixtures";
import { startSmtpFake, type SmtpFake } from "../testing/smtp-fake";
import { withDatabase } from "../testing/template";
import { currentDatabase, db } from "./db.server";

// Two app servers, each in its own process with its own data folder, on one PostgreSQL database,
// started together (issue 18, "Done when"): a file uploaded through one downloads through the
// other; a session made on one works on the other; the jobs run on both and each reminder and
// e-mail goes out once; killing one mid-request loses nothing. PGlite is one process: this runs
// only with DATABASE_URL (CI runs the suite on PostgreSQL too).

const onPostgres = Boolean(process.env.DATABASE_URL);

interface Child extends TestServer {
  process: ChildProcess;
}

async function startChild(databaseUrl: string, smtpUrl: string, key: string): Promise<Child> {
  const child = spawn(path.resolve("node_modules/.bin/tsx"), [path.resolve("app/testing/server-child.ts")], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      SMTP_URL: smtpUrl,
      DATA_ENCRYPTION_KEY: key,
      // A folder of its own: nothing can pass between the servers through the disk.
      GIEO_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "gieo-server-")),
      GIEO_TEST_BUILD_DIR: inject("buildDir"),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/\{"port":(\d+)\}/);
      if (match) resolve(Number(match[1]));
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`server exited (${code}): ${output.slice(-2000)}`)));
  });
  return {
    process: child,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

describe.runIf(onPostgres)(`two app servers on one database (${currentDatabase().driver})`, () => {
  let a: Child;
  let b: Child;
  let smtp: SmtpFake;
  let queued: string[];
  let reminded: string[];

  beforeAll(async () => {
    smtp = await startSmtpFake();
    // Work waiting for the jobs before the servers start: e-mails, and reports due soon.
    for (let i = 0; i < 12; i++) {
      await db.transaction((tx) =>
        tell(tx, { to: address({ name: `Người ${i}`, email: `waiting-${i}@gieo.test`, locale: "vi" }), email: { template: "invitation", props: () => ({ name: `Người ${i}`, inviterName: "Admin", link: "http://l/x" }) } }),
      );
    }
    const leader = await makeUser(["applicant"]);
    const facilitator = await makeUser(["facilitator"]);
    const grants = await Promise.all(
      Array.from({ length: 3 }, () => makeActiveGrant({ ownerId: leader.id, facilitatorIds: [facilitator.id], recorderId: facilitator.id, members: 0, acceptedDaysAgo: 175 })),
    );
    expect(grants).toHaveLength(3);
    reminded = [leader.email, facilitator.email];
    queued = (await db.select({ id: outbox.id }).from(outbox)).map((r) => r.id);

    const [{ name }] = (await db.execute("select current_database() as name" as never)) as unknown as { name: string }[];
    const url = withDatabase(process.env.DATABASE_URL!, name);
    const key = randomBytes(32).toString("base64");
    // Started together.
    [a, b] = await Promise.all([startChild(url, smtp.url, key), startChild(url, smtp.url, key)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await smtp?.close();
  });

  it("a session made on one server works on the other", async () => {
    const user = await makeUser(["finance"], { name: "Tài Chính Hai Máy" });
    const cookie = await logInOver(a, user.email);
    const page = await (await get(`${b.url}/`, cookie)).text();
    expect(page).toContain("Tài Chính Hai Máy");
  });

  it("a file uploaded through one server downloads through the other", async () => {
    const roundId = (await makeRound()).id;
    const { leader, groupId } = await groupWithLeader(a);
    const applicationId = await startDraft(a, leader.cookie, roundId, groupId);
    const sent = await upload(`${a.url}/applications/${applicationId}/step/5`, leader.cookie, { bytes: await phonePhoto(), name: "anh.jpg", type: "image/jpeg" });
    expect(sent.status).toBe(302);
    const [file] = await db.select().from(attachments).where(eq(attachments.applicationId, applicationId));
    const fromA = await get(`${a.url}/applications/${applicationId}/attachments/${file.id}`, leader.cookie);
    const fromB = await get(`${b.url}/applications/${applicationId}/attachments/${file.id}`, leader.cookie);
    expect(fromB.status).toBe(200);
    expect(Buffer.compare(Buffer.from(await fromB.arrayBuffer()), Buffer.from(await fromA.arrayBuffer()))).toBe(0);
  });

  it("the jobs run on both, and each e-mail and reminder goes out once", async () => {
    const reminders = async () =>
      (await db.select({ n: count() }).from(outbox).where(and(eq(outbox.template, "report-due-soon"), inArray(outbox.toAddress, reminded))))[0].n;
    // Both servers ran the reminder job at start: three reports, two people each, once.
    await expect.poll(reminders, { timeout: 20_000 }).toBe(6);
    const all = (await db.select({ id: outbox.id }).from(outbox).where(inArray(outbox.template, ["invitation", "report-due-soon"]))).map((r) => r.id);
    expect(all.length).toBe(queued.length + 6);
    // Both dispatchers claim from the same outbox (at start and every 10 s): each message arrives once.
    await expect.poll(() => smtp.received.length, { timeout: 30_000, interval: 500 }).toBeGreaterThanOrEqual(all.length);
    const ids = smtp.received.map((m) => m.raw.match(/Message-ID: <([0-9a-f-]{36})@gieo>/i)?.[1]);
    for (const id of all) expect(ids.filter((x) => x === id), id).toHaveLength(1);
    expect(new Set(ids).size).toBe(ids.length);
  }, 60_000);

  it("killing one server mid-request loses nothing it confirmed, and the other serves on", async () => {
    const roundId = (await makeRound()).id;
    const { leader, groupId } = await groupWithLeader(b);
    const applicationId = await startDraft(b, leader.cookie, roundId, groupId);
    const photo = await phonePhoto();
    const requests = Array.from({ length: 12 }, (_, i) =>
      upload(`${a.url}/applications/${applicationId}/step/5`, leader.cookie, { bytes: photo, name: `anh-${i}.jpg`, type: "image/jpeg" }).then(
        (r) => r.status,
        () => 0,
      ),
    );
    // Killed without warning while the uploads are in flight.
    await new Promise((r) => setTimeout(r, 150));
    a.process.kill("SIGKILL");
    const statuses = await Promise.all(requests);
    const confirmed = statuses.filter((s) => s === 302).length;
    const rows = await db.select().from(attachments).where(eq(attachments.applicationId, applicationId));
    // Every upload the server confirmed is there (a commit whose answer was cut off may be too).
    expect(rows.length).toBeGreaterThanOrEqual(confirmed);
    // And every row there has its file, readable through the server left.
    for (const row of rows) {
      expect((await get(`${b.url}/applications/${applicationId}/attachments/${row.id}`, leader.cookie)).status).toBe(200);
    }
    expect((await get(`${b.url}/healthz`)).status).toBe(200);
  }, 60_000);
});
