import { setImmediate as nextTurn } from "node:timers/promises";
import type { Db } from "../database.js";
import { indexWorkingCopy, listUnindexedWorkingCopyIds } from "./working-copy-search.store.js";

const BATCH = 20;

/**
 * Indexes for the back office's search the working copies that have no entry (stories made before
 * its index existed), a few per transaction, letting requests through between transactions: it runs
 * in the background after an upgrade, while the site answers. A story erased meanwhile is safe: its
 * entry references it (on delete cascade), so an entry made for it is refused or deleted with it.
 * Returns how many were indexed; `signal` stops it between transactions.
 */
export async function indexUnindexedWorkingCopies(db: Db, signal?: AbortSignal): Promise<number> {
  const ids = await listUnindexedWorkingCopyIds(db);
  let indexed = 0;
  for (; indexed < ids.length && !signal?.aborted; indexed += BATCH) {
    await db.transaction().execute(async (tx) => {
      for (const id of ids.slice(indexed, indexed + BATCH)) await indexWorkingCopy(tx, id);
    });
    await nextTurn();
  }
  return Math.min(indexed, ids.length);
}
