import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { storedFiles } from "../../db/schema";
import { currentDatabase, db } from "./db.server";
import { getEnv } from "./env.server";
import { deleteFile, importLegacyFiles, putFile, readFile } from "./storage.server";

// Uploaded files live in the database, where every app server reaches them (issue 18, item 12).

describe(`file storage (${currentDatabase().driver})`, () => {
  it("keeps the bytes in the database, not on this machine's disk", async () => {
    const bytes = randomBytes(300_000);
    const key = await putFile(bytes, "pdf");
    const [row] = await db.select().from(storedFiles).where(eq(storedFiles.key, key));
    expect(Buffer.compare(row.bytes, bytes)).toBe(0);
    expect(Buffer.compare(await readFile(key), bytes)).toBe(0);
    await expect(fs.stat(path.resolve(getEnv().GIEO_DATA_DIR, "files", key.slice(0, 2), key))).rejects.toThrow();
    await deleteFile(key);
    expect(await db.select().from(storedFiles).where(eq(storedFiles.key, key))).toHaveLength(0);
    await expect(readFile(key)).rejects.toThrow();
  });

  it("still reads a file uploaded before, from the data folder, and moves it into the database", async () => {
    const key = `${randomUUID()}.jpg`;
    const file = path.resolve(getEnv().GIEO_DATA_DIR, "files", key.slice(0, 2), key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, Buffer.from("an old photo"));
    expect((await readFile(key)).toString()).toBe("an old photo");
    expect(await db.select({ key: storedFiles.key }).from(storedFiles).where(eq(storedFiles.key, key))).toHaveLength(1);
    await deleteFile(key);
    await expect(fs.stat(file)).rejects.toThrow();
  });

  it("copies the whole old data folder into the database at once, so another server finds every file", async () => {
    const keys = [`${randomUUID()}.pdf`, `${randomUUID()}.png`];
    for (const key of keys) {
      const file = path.resolve(getEnv().GIEO_DATA_DIR, "files", key.slice(0, 2), key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, Buffer.from(`old ${key}`));
    }
    expect(await importLegacyFiles()).toBeGreaterThanOrEqual(2);
    const rows = await db.select().from(storedFiles).where(inArray(storedFiles.key, keys));
    expect(rows.map((r) => r.bytes.toString()).sort()).toEqual(keys.map((k) => `old ${k}`).sort());
    // A second start copies nothing again.
    expect(await importLegacyFiles()).toBe(0);
    for (const key of keys) await deleteFile(key);
  });

  it("refuses keys it did not make", async () => {
    await expect(readFile("../../etc/passwd")).rejects.toThrow("invalid storage key");
  });
});
