import type { ContentVersion } from "./content-version.js";
import { createLruCache, type LruCache } from "./lru-cache.js";

/**
 * Remembers computed values (counts, taxonomy lists) until published content changes. Keeps
 * expensive aggregates off the hot path even when the page cache is off.
 */
export type VersionedMemo = {
  get<T>(key: string, compute: () => Promise<T>): Promise<T>;
  /**
   * A shelf of its own (the same one for the same name) for values that come in unbounded variety,
   * one per story page: least recently used go first past its bounds, so a crawler going through
   * every address never pushes out the aggregates above. Dropped like them when content changes.
   * A null value (nothing at that key) is not kept.
   */
  shelf<T>(name: string, bounds: ShelfBounds<T>): VersionedShelf<T>;
};

export type ShelfBounds<T> = { maxEntries: number; maxBytes: number; sizeOf(value: T): number };
export type VersionedShelf<T> = { get(key: string, compute: () => Promise<T | null>): Promise<T | null> };

export function createVersionedMemo(version: ContentVersion, maxEntries = 2_000): VersionedMemo {
  let token = "";
  const values = new Map<string, unknown>();
  const shelves = new Map<string, { lru: LruCache<unknown>; shelf: VersionedShelf<unknown> }>();
  const currentToken = async () => (version.known() ?? (await version.read())).token;
  /** The token values are kept under, after dropping every value kept under an older one. */
  const freshToken = async () => {
    const current = await currentToken();
    if (current !== token) {
      values.clear();
      for (const { lru } of shelves.values()) lru.clear();
      token = current;
    }
    return current;
  };
  return {
    async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
      await freshToken();
      if (values.has(key)) return values.get(key) as T;
      const value = await compute();
      // Only keep it if content did not change while computing.
      if ((await currentToken()) === token) {
        if (values.size >= maxEntries) values.clear();
        values.set(key, value);
      }
      return value;
    },
    shelf<T>(name: string, bounds: ShelfBounds<T>): VersionedShelf<T> {
      const existing = shelves.get(name);
      if (existing) return existing.shelf as VersionedShelf<T>;
      const lru = createLruCache<T>(bounds);
      const shelf: VersionedShelf<T> = {
        async get(key, compute) {
          const before = await freshToken();
          const kept = lru.get(key);
          if (kept !== undefined) return kept;
          const value = await compute();
          // As above: computed under one version from start to end, or not kept.
          if (value !== null && (await currentToken()) === before && token === before) lru.set(key, value);
          return value;
        },
      };
      shelves.set(name, { lru: lru as LruCache<unknown>, shelf: shelf as VersionedShelf<unknown> });
      return shelf;
    },
  };
}
