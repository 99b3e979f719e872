import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import { QUEUE_DB, type QueueItem } from "./paths";

// The queue of forms kept on the phone (DECISIONS.md 54), in IndexedDB: the worker writes it, the
// queue page reads it. Each item holds the form's body as posted (its idempotency key inside),
// so a replay is the same request and the server answers it once.

export interface StoredItem extends Omit<QueueItem, "id"> {
  id?: number;
  body: ArrayBuffer;
  contentType: string;
}

interface QueueSchema extends DBSchema {
  items: { key: number; value: StoredItem };
}

export function openQueue(): Promise<IDBPDatabase<QueueSchema>> {
  return openDB<QueueSchema>(QUEUE_DB, 1, {
    upgrade(db) {
      db.createObjectStore("items", { keyPath: "id", autoIncrement: true });
    },
  });
}

/** Every item, oldest first, without the bodies (for the page). */
export async function listQueue(): Promise<QueueItem[]> {
  const db = await openQueue();
  const all = await db.getAll("items");
  db.close();
  return all.map(({ body: _body, contentType: _type, ...item }) => item as QueueItem);
}
