import { eq } from "drizzle-orm";
import { users } from "./schema";
import { db } from "../app/infra/db.server";
import { writeAudit } from "../app/modules/audit/audit.server";
import type { Role } from "../app/modules/auth/permissions";
import { hashPassword } from "../app/modules/auth/password.server";
import { createUser } from "../app/modules/users/users.server";

export const DEMO_PASSWORD = "gieo-demo-2026";

/**
 * One account per role, plus a second finance user and a second admin, so that two-person
 * approval (of a disbursement, of a money return, of an amendment) can be tried.
 */
export const demoAccounts: { email: string; name: string; phone?: string; roles: Role[] }[] = [
  { email: "admin@gieo.test", name: "Nguyễn Thu Hà", roles: ["admin"] },
  { email: "admin2@gieo.test", name: "Vũ Thị Thanh", roles: ["admin"] },
  { email: "finance@gieo.test", name: "Trần Minh Anh", roles: ["finance"] },
  { email: "finance2@gieo.test", name: "Phạm Thị Lan", roles: ["finance"] },
  { email: "reviewer@gieo.test", name: "Lê Văn Bình", roles: ["reviewer"] },
  { email: "facilitator@gieo.test", name: "Lò Thị Hoa", roles: ["facilitator"] },
  { email: "group@gieo.test", name: "Giàng Thị Mai", phone: "+84912000001", roles: ["applicant"] },
];

/**
 * Seeds the demo data once: when the first demo account exists, nothing is written again, so a
 * restart keeps whatever people did with the demo.
 */
export async function seedDemo(): Promise<{ seeded: boolean }> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, demoAccounts[0].email)).limit(1);
  if (existing) return { seeded: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    for (const account of demoAccounts) {
      const user = await createUser(tx, { ...account, passwordHash, locale: "vi" });
      await writeAudit(tx, {
        action: "user.roles_changed",
        entityType: "user",
        entityId: user.id,
        data: { before: [], after: account.roles, via: "demo seed" },
      });
    }
  });
  return { seeded: true };
}
