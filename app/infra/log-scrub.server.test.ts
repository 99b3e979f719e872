import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { handleError } from "../entry.server";
import { currentDatabase, db } from "./db.server";
import { logger } from "./logger.server";

// A failed query must not put its parameters into the server log (issue 18, item 9): a member's
// name, gender, ethnicity and birth year reached it through Drizzle's error message.

const member = ["Hoàng Thị Bí Mật", "female", "Mông", 1987] as const;

let lines: string[];
beforeEach(() => {
  lines = [];
  // The logger writes JSON lines to standard output (logger.server.ts).
  vi.spyOn(process.stdout, "write").mockImplementation((line: string | Uint8Array) => lines.push(String(line)) > 0);
});
afterEach(() => vi.restoreAllMocks());

async function failedQuery(): Promise<Error> {
  // A real query the database refuses (no such table), with personal data as its parameters.
  const error = await db
    .execute(sql`insert into no_such_members (name, gender, ethnicity, birth_year) values (${member[0]}, ${member[1]}, ${member[2]}, ${member[3]})`)
    .then(() => null, (e: unknown) => e as Error);
  if (!error) throw new Error("the query should have failed");
  return error;
}

describe(`a failed query in the log (${currentDatabase().driver})`, () => {
  it("the error itself carries the parameters: that is what the log must not repeat", async () => {
    const error = await failedQuery();
    expect(error.message).toContain(member[0]);
  });

  it("a request that fails on it logs the query, not its parameters", async () => {
    const error = await failedQuery();
    handleError(error, { request: new Request("http://localhost/groups/1/members") });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("no_such_members");
    for (const value of member) expect(lines[0]).not.toContain(String(value));
  });

  it("however a caller hands the error over: its message, its stack, the error object, nested", async () => {
    const error = await failedQuery();
    logger.error("job failed", { error: error.message });
    logger.error("job failed", { error: error.stack });
    logger.error("job failed", { error, context: { errors: [error.message] } });
    logger.error(error.message);
    expect(lines).toHaveLength(4);
    for (const line of lines) for (const value of member) expect(line).not.toContain(String(value));
  });

  it("leaves out a value PostgreSQL quotes in its own message", async () => {
    const error = await db.execute(sql`select ${"Lò Thị Hoa 0912345678"}::uuid`).then(() => null, (e: unknown) => e as Error);
    expect(String((error as Error & { cause?: Error }).cause?.message ?? "")).toContain("Lò Thị Hoa");
    logger.error("request failed", { error: (error as Error & { cause: Error }).cause.message });
    expect(lines[0]).toContain("invalid input syntax for type uuid");
    expect(lines[0]).not.toContain("Lò Thị Hoa");
  });
});
