import type { ContentVersion } from "./content-version.js";

/**
 * Remembers computed values (counts, taxonomy lists) until published content changes. Keeps
 * expensive aggregates off the hot path even when the page cache is off.
 */
export type VersionedMemo = { get<T>(key: string, compute: () => Promise<T>): Promise<T> };

export function createVersionedMemo(version: ContentVersion, maxEntries = 2_000): VersionedMemo {
  let token = "";
  const values = new Map<string, unknown>();
  const currentToken = async () => (version.known() ?? (await version.read())).token;
  return {
    async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
      const current = await currentToken();
      if (current !== token) {
        values.clear();
        token = current;
      }
      if (values.has(key)) return values.get(key) as T;
      const value = await compute();
      // Only keep it if content did not change while computing.
      if ((await currentToken()) === token) {
        if (values.size >= maxEntries) values.clear();
        values.set(key, value);
      }
      return value;
    },
  };
}
