import { randomUUID } from "node:crypto";
import type { AnyDb } from "../db/dialect.js";
import { readSetting, writeSetting } from "../db/settings.js";

/**
 * A token that changes whenever published content changes. Cached pages remember the token they
 * were rendered under and are served only while it is still current.
 *
 * With SQLite there is one process, so the token lives in memory. With PostgreSQL several app
 * instances may write: the token is kept in the database and read on each cached request, so a
 * change made through any instance shows at the very next request on every instance.
 */
export type ContentVersion = {
  current(): Promise<VersionStamp>;
  bump(): Promise<void>;
};

export type VersionStamp = { token: string; changedAt: Date };

const KEY = "content_version";

export function memoryContentVersion(now: () => Date): ContentVersion {
  let stamp: VersionStamp = { token: randomUUID(), changedAt: now() };
  return {
    current: async () => stamp,
    bump: async () => {
      stamp = { token: randomUUID(), changedAt: now() };
    },
  };
}

export function sharedContentVersion(db: AnyDb, now: () => Date): ContentVersion {
  const parse = (value: string | null): VersionStamp => {
    const [token = "none", at] = (value ?? "").split("|");
    const changedAt = at ? new Date(at) : new Date(0);
    return { token, changedAt: Number.isNaN(changedAt.getTime()) ? new Date(0) : changedAt };
  };
  return {
    current: async () => parse(await readSetting(db, KEY)),
    bump: async () => writeSetting(db, KEY, `${randomUUID()}|${now().toISOString()}`),
  };
}
