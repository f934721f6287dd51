import { describe, expect, it } from "vitest";
import type { ContentVersion, VersionStamp } from "./content-version.js";
import { createVersionedMemo } from "./versioned-memo.js";

function settableVersion() {
  let stamp: VersionStamp = { token: "a", changedAt: new Date(0) };
  const version: ContentVersion = { known: () => stamp, read: async () => stamp, close: async () => {} };
  return { version, set: (token: string) => (stamp = { token, changedAt: new Date(0) }) };
}

const bounds = { maxEntries: 2, maxBytes: 1_000, sizeOf: (value: string) => value.length };

describe("a versioned memo's shelf", () => {
  it("gives back what it computed under the same content version, and computes again once the version changes", async () => {
    const { version, set } = settableVersion();
    const shelf = createVersionedMemo(version).shelf("pages", bounds);
    let computed = 0;
    const page = () => shelf.get("a", async () => `page ${++computed}`);
    expect(await page()).toBe("page 1");
    expect(await page()).toBe("page 1");
    set("b");
    expect(await page()).toBe("page 2");
    expect(await page()).toBe("page 2");
  });

  it("keeps nothing computed while the content changed, and no null", async () => {
    const { version, set } = settableVersion();
    const shelf = createVersionedMemo(version).shelf("pages", bounds);
    expect(
      await shelf.get("a", async () => {
        set("b");
        return "made under a";
      }),
    ).toBe("made under a");
    expect(await shelf.get("a", async () => "made under b")).toBe("made under b");
    let asked = 0;
    const nothing = async () => {
      asked++;
      return null;
    };
    for (let i = 0; i < 2; i++) await shelf.get("missing", nothing);
    expect(asked).toBe(2);
  });

  it("forgets the least recently used past its bounds, and is the same shelf under the same name", async () => {
    const { version } = settableVersion();
    const memo = createVersionedMemo(version);
    const shelf = memo.shelf("pages", bounds);
    let computed = 0;
    const get = (key: string) => memo.shelf("pages", bounds).get(key, async () => `${key}${++computed}`);
    await shelf.get("a", async () => "a0");
    await get("b");
    await get("a");
    await get("c");
    expect(await get("a")).toBe("a0");
    expect(await get("b")).toBe("b3");
  });

  it("is emptied with the memo's other values when the version changes", async () => {
    const { version, set } = settableVersion();
    const memo = createVersionedMemo(version);
    const shelf = memo.shelf("pages", bounds);
    await shelf.get("a", async () => "old");
    set("b");
    // The change is seen first through the memo's own values, then the shelf.
    expect(await memo.get("count", async () => 1)).toBe(1);
    expect(await shelf.get("a", async () => "new")).toBe("new");
  });
});
