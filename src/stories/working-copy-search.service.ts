import type { Db } from "../database.js";
import { indexWorkingCopy, listUnindexedWorkingCopyIds } from "./working-copy-search.store.js";

/**
 * Indexes for the back office's search the working copies that have no entry (stories made before
 * its index existed), a few hundred per transaction; run once at start. Returns how many.
 */
export async function indexUnindexedWorkingCopies(db: Db): Promise<number> {
  const ids = await listUnindexedWorkingCopyIds(db);
  for (let at = 0; at < ids.length; at += 500) {
    await db.transaction().execute(async (tx) => {
      for (const id of ids.slice(at, at + 500)) await indexWorkingCopy(tx, id);
    });
  }
  return ids.length;
}
