import { createCipheriv, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { decrypt, encrypt, isCurrent, keyId, sealedAt, type Keyring } from "../app/infra/crypto.server";
import { currentDatabase, db } from "../app/infra/db.server";
import { getEnv, reloadEnv } from "../app/infra/env.server";
import { makeGroup } from "../app/testing/factories";
import { revealBankAccount } from "../app/modules/groups/groups.server";
import { makeUser } from "../app/testing/fixtures";
import { countNotCurrent, rotateSealedValues } from "./keys";
import { groups } from "./schema";

// Sealed values bound to their row (AES-GCM additional data) and key rotation (issue 18, item 13).

let currentCopies = 0;
const place = (groupId: string) => sealedAt("groups", "bank_account_enc", groupId);

/** A value in the first format (v1: no key id, nothing bound), as rows written before hold them. */
function sealV1(plain: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

const saved = { key: process.env.DATA_ENCRYPTION_KEY, old: process.env.DATA_ENCRYPTION_KEY_OLD };
afterAll(() => {
  for (const [name, value] of [["DATA_ENCRYPTION_KEY", saved.key], ["DATA_ENCRYPTION_KEY_OLD", saved.old]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  reloadEnv();
});

async function setAccount(groupId: string, sealed: string) {
  await db.update(groups).set({ bankAccountEnc: sealed, bankAccountLast4: "0537" }).where(eq(groups.id, groupId));
}
async function sealedOf(groupId: string) {
  const [row] = await db.select({ sealed: groups.bankAccountEnc }).from(groups).where(eq(groups.id, groupId));
  return row.sealed!;
}

describe("sealed values", () => {
  const keys: Keyring = { current: randomBytes(32), old: [] };

  it("open only at the place they were sealed for", () => {
    const sealed = encrypt("1903456789537", place("a"), keys);
    expect(sealed).toMatch(new RegExp(`^v2:${keyId(keys.current)}:`));
    expect(decrypt(sealed, place("a"), keys)).toBe("1903456789537");
    expect(() => decrypt(sealed, place("b"), keys)).toThrow();
  });

  it("values of the first format (no place) still open, with the current or an old key", () => {
    const old = randomBytes(32);
    expect(decrypt(sealV1("123", keys.current), place("x"), keys)).toBe("123");
    expect(decrypt(sealV1("456", old), place("x"), { current: keys.current, old: [old] })).toBe("456");
    expect(() => decrypt(sealV1("456", old), place("x"), keys)).toThrow();
  });

  it("a tampered value does not open", () => {
    const sealed = encrypt("1903456789537", place("a"), keys);
    const bytes = Buffer.from(sealed.split(":")[2], "base64");
    bytes[bytes.length - 1] ^= 1;
    expect(() => decrypt(`v2:${keyId(keys.current)}:${bytes.toString("base64")}`, place("a"), keys)).toThrow();
  });
});

describe(`one group's account copied onto another's row (${currentDatabase().driver})`, () => {
  it("does not open there: the reveal fails instead of showing the other group's number", async () => {
    const admin = await makeUser(["admin"]);
    const actor = { user: { id: admin.id, name: "Admin", roles: ["admin" as const] }, ip: "127.0.0.1" };
    const [a, b] = [(await makeGroup({ name: "Nhóm A" })).id, (await makeGroup({ name: "Nhóm B" })).id];
    await setAccount(a, encrypt("1111222233334444", place(a)));
    await setAccount(b, encrypt("5555666677778888", place(b)));
    expect(await revealBankAccount(actor as never, a)).toBe("1111222233334444");
    await setAccount(b, await sealedOf(a));
    await expect(revealBankAccount(actor as never, b)).rejects.toThrow();
    currentCopies = 1;
  });
});

describe(`key rotation (${currentDatabase().driver})`, () => {
  it("re-seals every value under the new key, bound to its row, while the old key still opens them meanwhile", async () => {
    const oldKey = getEnv().encryptionKey;
    const [v1Group, v2Group] = [(await makeGroup({ name: "Nhóm cũ" })).id, (await makeGroup({ name: "Nhóm mới" })).id];
    await setAccount(v1Group, sealV1("1903456789537", oldKey));
    await setAccount(v2Group, encrypt("9704229988776655", place(v2Group)));

    // Step 1: the servers get the new key, and the old one as accepted.
    const newKey = randomBytes(32);
    process.env.DATA_ENCRYPTION_KEY = newKey.toString("base64");
    process.env.DATA_ENCRYPTION_KEY_OLD = oldKey.toString("base64");
    reloadEnv();
    expect(decrypt(await sealedOf(v1Group), place(v1Group))).toBe("1903456789537");
    expect(decrypt(await sealedOf(v2Group), place(v2Group))).toBe("9704229988776655");
    expect(await countNotCurrent()).toBeGreaterThanOrEqual(2);

    // Step 2: rotation.
    const report = await rotateSealedValues();
    expect(report.resealed["groups.bank_account_enc"]).toBeGreaterThanOrEqual(2);
    // The account copied onto another group's row above opens nowhere: reported, left as it is.
    expect(report.unreadable).toHaveLength(currentCopies);
    expect(await countNotCurrent()).toBe(currentCopies);

    // Step 3: the old key goes; everything still opens, and only at its own row.
    delete process.env.DATA_ENCRYPTION_KEY_OLD;
    reloadEnv();
    const onlyNew: Keyring = { current: newKey, old: [] };
    for (const [groupId, account] of [[v1Group, "1903456789537"], [v2Group, "9704229988776655"]] as const) {
      const sealed = await sealedOf(groupId);
      expect(isCurrent(sealed, onlyNew)).toBe(true);
      expect(decrypt(sealed, place(groupId), onlyNew)).toBe(account);
      expect(() => decrypt(sealed, place(groupId === v1Group ? v2Group : v1Group), onlyNew)).toThrow();
    }
    // A second run has nothing left to do.
    const again = await rotateSealedValues();
    expect(Object.values(again.resealed).every((n) => n === 0)).toBe(true);
  });
});
