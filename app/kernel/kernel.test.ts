import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, notifications, outbox, rounds, users } from "../../db/schema";
import { roundStatuses } from "../../db/schema/enums";
import { db } from "../infra/db.server";
import { groupPeople } from "../modules/groups/audiences.server";
import { tell } from "../modules/notifications/notifications.server";
import { createUser } from "../modules/users/users.server";
import { makeActor, makeGroup, makeRound } from "../testing/factories";
import { makeUser } from "../testing/fixtures";
import { constraintViolated, refuse, run } from "./command.server";
import { isUuid, requireUuid } from "./ids";
import { can, defineMachine, nextStates } from "./machine";
import { applyTransition } from "./transition.server";

// The kernel on a real, migrated database: a command's transaction, its refusals (its own, a
// refused transition, a database rule), one state change applied in one call, and notices.

const machine = defineMachine({
  entity: "round",
  states: roundStatuses,
  transitions: [
    { from: "draft", to: "open", by: ["admin"] },
    { from: "open", to: "closed", by: ["admin", "system"] },
  ],
  refused: "errors.invalid",
});


async function roundStatus(id: string) {
  const [row] = await db.select({ status: rounds.status }).from(rounds).where(eq(rounds.id, id));
  return row.status;
}

describe("the command kernel", () => {
  it("asks the machine who may do what next", () => {
    expect(can(machine, "draft", "open", ["admin"])).toBe(true);
    expect(can(machine, "draft", "open", ["finance"])).toBe(false);
    expect(can(machine, "draft", "closed", ["admin"])).toBe(false);
    expect(nextStates(machine, "open", ["system"])).toEqual(["closed"]);
    expect(nextStates(machine, "closed", ["admin"])).toEqual([]);
  });

  it("guards ids: a malformed one is a 404, never a query", () => {
    expect(isUuid("7b0c8f0e-8d2a-4d7e-9a51-2c3f4b5a6d7e")).toBe(true);
    expect(isUuid("7b0c8f0e-8d2a-4d7e-9a51-2c3f4b5a6d7")).toBe(false);
    expect(isUuid("'; drop table users; --")).toBe(false);
    expect(() => requireUuid("nope")).toThrow(Response);
  });

  it("applies a transition in one call: locks, checks, updates, audits", async () => {
    const admin = await makeActor(["admin"], { ip: "127.0.0.9" });
    const roundId = (await makeRound()).id;
    await db.update(rounds).set({ status: "draft" }).where(eq(rounds.id, roundId));
    const result = await run(async (tx) => applyTransition(tx, machine, { table: rounds, id: roundId, to: "open", actor: admin, as: admin.user.roles, data: { why: "test" } }));
    expect(result).toEqual({ ok: true, from: "draft" });
    expect(await roundStatus(roundId)).toBe("open");
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.entityId, roundId), eq(auditLog.action, "round.open")));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: admin.user.id, ip: "127.0.0.9", data: { from: "draft", to: "open", why: "test" } });
  });

  it("refuses a transition not in the table with a 409 and its message, and writes nothing", async () => {
    const finance = await makeActor(["finance"], { ip: "127.0.0.9" });
    const roundId = (await makeRound()).id;
    const before = await db.select().from(auditLog).where(eq(auditLog.entityId, roundId));
    const byWrongRole = await run(async (tx) => applyTransition(tx, machine, { table: rounds, id: roundId, to: "closed", actor: finance, as: finance.user.roles }));
    expect(byWrongRole).toEqual({ ok: false, status: 409, errors: { "": "errors.invalid" } });
    const wrongState = await run(async (tx) => applyTransition(tx, machine, { table: rounds, id: roundId, to: "open", actor: "system", as: ["system"] }));
    expect(wrongState).toEqual({ ok: false, status: 409, errors: { "": "errors.invalid" } });
    expect(await roundStatus(roundId)).toBe("open");
    expect(await db.select().from(auditLog).where(eq(auditLog.entityId, roundId))).toEqual(before);
  });

  it("answers a missing row with a 404", async () => {
    const result = await run(async (tx) =>
      applyTransition(tx, machine, { table: rounds, id: "00000000-0000-4000-8000-000000000000", to: "closed", actor: "system", as: ["system"], notFound: "errors.invalid" }),
    );
    expect(result).toEqual({ ok: false, status: 404, errors: { "": "errors.invalid" } });
  });

  it("rolls back everything a refused command wrote", async () => {
    const roundId = (await makeRound()).id;
    const result = await run(async (tx) => {
      await applyTransition(tx, machine, { table: rounds, id: roundId, to: "closed", actor: "system", as: ["system"] });
      return refuse(400, { budget: "errors.invalid" });
    });
    expect(result).toEqual({ ok: false, status: 400, errors: { budget: "errors.invalid" } });
    expect(await roundStatus(roundId)).toBe("open");
    expect(await db.select().from(auditLog).where(eq(auditLog.entityId, roundId))).toEqual([]);
  });

  it("turns a named database rule into the command's answer, and throws any other fault", async () => {
    const taken = await makeUser(["reviewer"]);
    const insertSameEmail = (tx: Parameters<Parameters<typeof run>[0]>[0]) =>
      createUser(tx, { name: "Again", email: taken.email, passwordHash: "x", locale: "vi", roles: [] }).then(() => ({}));
    const error = await db.transaction(insertSameEmail).catch((e: unknown) => e);
    const constraint = constraintViolated(error);
    expect(constraint).toMatch(/email/);
    const answered = await run(insertSameEmail, { constraints: { [constraint!]: { ok: false, status: 400, errors: { email: "errors.emailTaken" } } } });
    expect(answered).toEqual({ ok: false, status: 400, errors: { email: "errors.emailTaken" } });
    await expect(run(insertSameEmail)).rejects.toThrow();
  });
});

describe("notices", () => {
  it("reach a group's people by the channels each has, never the one who acted", async () => {
    const facilitator = await makeUser(["facilitator"]);
    // A leader who registered with a phone number and no e-mail.
    const leader = await db.transaction((tx) => createUser(tx, { name: "Lò Thị Hoa", phone: "+84912000777", passwordHash: "x", locale: "vi", roles: ["applicant"] }));
    const other = await makeUser(["facilitator"]);
    const groupId = (await makeGroup({ ownerId: leader.id, facilitatorIds: [facilitator.id, other.id] })).id;
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, other.id));

    await db.transaction((tx) =>
      tell(tx, {
        to: groupPeople(groupId),
        except: null,
        inApp: { messageKey: "grants.notice.accepted", params: (r) => ({ title: r.name }), link: "/grants/x" },
        email: { template: "password-reset", props: (r) => ({ name: r.name, link: "http://localhost/x", minutes: 60 }) },
      }),
    );
    const inApp = await db.select().from(notifications).where(eq(notifications.link, "/grants/x"));
    expect(inApp.map((n) => n.userId).sort()).toEqual([leader.id, facilitator.id].sort());
    expect(inApp.find((n) => n.userId === leader.id)?.params).toEqual({ title: "Lò Thị Hoa" });
    const mails = await db.select().from(outbox).where(eq(outbox.toAddress, facilitator.email));
    expect(mails).toHaveLength(1);
    expect(mails[0].channel).toBe("email");
    expect(await db.select().from(outbox).where(eq(outbox.toAddress, other.email))).toEqual([]);

    await db.transaction((tx) => tell(tx, { to: groupPeople(groupId), except: facilitator.id, inApp: { messageKey: "grants.notice.cancelled", link: "/grants/y" } }));
    const second = await db.select().from(notifications).where(eq(notifications.link, "/grants/y"));
    expect(second.map((n) => n.userId)).toEqual([leader.id]);
  });
});
