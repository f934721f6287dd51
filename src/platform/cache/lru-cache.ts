/**
 * A map that forgets its least recently used entries once it holds more than `maxEntries` or
 * more than `maxBytes` (as `sizeOf` counts them). Reading an entry makes it the most recent.
 * A value larger than `maxBytes` on its own is not kept. Operations are O(1) (amortised): a Map keeps
 * insertion order, so the first key is always the least recently used.
 */
export type LruCache<V> = {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  delete(key: string): void;
};

export function createLruCache<V>(opts: { maxEntries: number; maxBytes: number; sizeOf: (value: V) => number }): LruCache<V> {
  const entries = new Map<string, { value: V; bytes: number }>();
  let bytes = 0;

  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.bytes;
  };

  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    },
    set(key, value) {
      remove(key);
      const size = opts.sizeOf(value);
      if (size > opts.maxBytes) return;
      entries.set(key, { value, bytes: size });
      bytes += size;
      while (entries.size > opts.maxEntries || bytes > opts.maxBytes) {
        const oldest = entries.keys().next().value as string;
        remove(oldest);
      }
    },
    delete: remove,
  };
}
