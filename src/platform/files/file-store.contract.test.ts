import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import v8 from "node:v8";
import vm from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestBucket } from "../../../test/support/s3.js";
import { createEncryptedFileStore, TamperedFileError } from "./encrypted-file-store.js";
import type { FileStore } from "./file-store.js";
import { createLocalFileStore } from "./local-file-store.js";
import { createS3Client, createS3FileStore } from "./s3-file-store.js";

type Driver = { raw: FileStore; store: FileStore; close(): void };
const KEY = randomBytes(32);

/** Each driver, plain and encrypted; the same promises hold for all four. */
const DRIVERS: Record<string, () => Promise<Driver>> = {
  local: async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-files-"));
    const raw = createLocalFileStore(dir);
    return { raw, store: raw, close: () => fs.rmSync(dir, { recursive: true, force: true }) };
  },
  s3: async () => {
    const settings = await createTestBucket();
    const client = createS3Client(settings);
    const raw = createS3FileStore(client, settings.bucket, "media");
    return { raw, store: raw, close: () => client.destroy() };
  },
  "local, encrypted": async () => {
    const d = await DRIVERS.local?.();
    return { ...(d as Driver), store: createEncryptedFileStore((d as Driver).raw, KEY) };
  },
  "s3, encrypted": async () => {
    const d = await DRIVERS.s3?.();
    return { ...(d as Driver), store: createEncryptedFileStore((d as Driver).raw, KEY) };
  },
};

v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;
const liveBufferBytes = () => {
  collectGarbage();
  return process.memoryUsage().arrayBuffers;
};

const text = async (s: Readable | null) => (s ? (await buffer(s)).toString("utf8") : null);

/** `size` bytes made on demand, never held whole, with their SHA-256 once read. */
function generated(size: number, chunk = 1024 * 1024): { stream: Readable; digest: () => string } {
  const hash = createHash("sha256");
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent >= size) return void this.push(null);
      const part = randomBytes(Math.min(chunk, size - sent));
      sent += part.length;
      hash.update(part);
      this.push(part);
    },
  });
  return { stream, digest: () => hash.digest("hex") };
}

for (const [name, open] of Object.entries(DRIVERS)) {
  describe(`file store (${name})`, () => {
    let d: Driver;
    let files: FileStore;
    beforeAll(async () => {
      d = await open();
      files = d.store;
    });
    afterAll(() => d.close());

    it("gives back what was written, from a buffer or a stream, with its size", async () => {
      await files.write("a/one.txt", Buffer.from("bonjour"));
      await files.write("a/two.txt", Readable.from([Buffer.from("au "), Buffer.from("revoir")]));
      expect((await files.read("a/one.txt"))?.toString()).toBe("bonjour");
      expect(await text(await files.readStream("a/two.txt"))).toBe("au revoir");
      expect((await files.stat("a/two.txt"))?.size).toBe(9);
      expect(await files.modifiedAt("a/two.txt")).toBeGreaterThan(Date.now() - 60_000);
      await files.write("a/empty", Buffer.alloc(0));
      expect(await files.read("a/empty")).toEqual(Buffer.alloc(0));
      expect((await files.stat("a/empty"))?.size).toBe(0);
    });

    it("serves byte ranges, across chunk boundaries and up to the last byte", async () => {
      const bytes = randomBytes(200_000);
      await files.write("r/audio.mp3", bytes);
      for (const [start, end] of [
        [0, 0],
        [0, 99],
        [65_530, 65_550],
        [65_536, 131_071],
        [1000, 199_999],
        [199_999, 199_999],
      ] as const) {
        const part = await files.readRange("r/audio.mp3", start, end);
        expect((await buffer(part as Readable)).equals(bytes.subarray(start, end + 1)), `${start}-${end}`).toBe(true);
      }
    });

    it("says a missing object is missing (null), for every way of reading it", async () => {
      expect(await files.read("nothing/here.mp3")).toBeNull();
      expect(await files.readStream("nothing/here.mp3")).toBeNull();
      expect(await files.readRange("nothing/here.mp3", 0, 10)).toBeNull();
      expect(await files.stat("nothing/here.mp3")).toBeNull();
      expect(await files.modifiedAt("nothing/here.mp3")).toBe(0);
      expect(await files.list("nothing")).toEqual([]);
      await expect(files.remove("nothing")).resolves.toBeUndefined();
    });

    it("replaces an object written again under the same key", async () => {
      await files.write("o/file.txt", Buffer.from("première version, plus longue"));
      await files.write("o/file.txt", Buffer.from("seconde"));
      expect((await files.read("o/file.txt"))?.toString()).toBe("seconde");
      expect((await files.stat("o/file.txt"))?.size).toBe(7);
    });

    it("lists the objects under a folder at any depth, and removes a folder with everything in it", async () => {
      await files.write("l/x/1.jpeg", Buffer.from("1"));
      await files.write("l/x/2.jpeg", Buffer.from("2"));
      await files.write("l/y/deep/3.jpeg", Buffer.from("3"));
      await files.write("lx/other.jpeg", Buffer.from("not in l/"));
      expect(await files.list("l")).toEqual(["l/x/1.jpeg", "l/x/2.jpeg", "l/y/deep/3.jpeg"]);
      await files.remove("l/x");
      expect(await files.list("l")).toEqual(["l/y/deep/3.jpeg"]);
      await files.remove("l/y/deep/3.jpeg");
      expect(await files.list("l")).toEqual([]);
      expect(await files.read("lx/other.jpeg")).not.toBeNull();
    });

    it("adopts a local file, which is gone from its folder afterwards", async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-adopt-"));
      const file = path.join(dir, "upload");
      fs.writeFileSync(file, "enregistrement");
      await files.adopt("adopted/voice.mka", file);
      expect(fs.existsSync(file)).toBe(false);
      expect((await files.read("adopted/voice.mka"))?.toString()).toBe("enregistrement");
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it("refuses a key that could leave the store", async () => {
      for (const key of ["../etc/passwd", "/abs", "a/../../b", "A/upper", "a//b"]) {
        await expect(files.write(key, Buffer.from("x")), key).rejects.toThrow("invalid file key");
      }
    });

    it("streams a 100 MB object both ways without holding it in memory", async () => {
      // Large beside what a driver may hold at once (S3: up to four 5 MiB upload parts and their
      // copies, more of them alive when the machine is busy), so only holding the object fails.
      const size = 100 * 1024 * 1024;
      const baseline = liveBufferBytes();
      let peak = 0;
      // Sampled with a full collection first: what is alive, not garbage not yet collected.
      const sample = setInterval(() => {
        peak = Math.max(peak, liveBufferBytes() - baseline);
      }, 250);
      try {
        const source = generated(size);
        await files.write("big/episode.mp3", source.stream);
        expect((await files.stat("big/episode.mp3"))?.size).toBe(size);
        const hash = createHash("sha256");
        let read = 0;
        for await (const part of (await files.readStream("big/episode.mp3")) as Readable) {
          hash.update(part as Buffer);
          read += (part as Buffer).length;
        }
        expect(read).toBe(size);
        expect(hash.digest("hex")).toBe(source.digest());
      } finally {
        clearInterval(sample);
      }
      // A few chunks or upload parts alive at once (S3: two 5 MiB parts and their copies), never the whole object.
      expect(peak).toBeLessThan(size * 0.8);
    }, 120_000);
  });
}

describe("private files encrypted at rest", () => {
  let d: Driver;
  let files: FileStore;
  beforeAll(async () => {
    d = await (DRIVERS["s3, encrypted"] as () => Promise<Driver>)();
    files = d.store;
  });
  afterAll(() => d.close());

  it("keeps no plaintext in the bucket, and a different ciphertext each time the same bytes are written", async () => {
    const voice = Buffer.from("Je m'appelle Camille et j'entends des voix. ".repeat(4000));
    await files.write("private/voice.mp3", voice);
    const stored = (await d.raw.read("private/voice.mp3")) as Buffer;
    expect(stored.includes(Buffer.from("Camille"))).toBe(false);
    expect(stored.length).toBeGreaterThan(voice.length);
    await files.write("private/again.mp3", voice);
    expect(((await d.raw.read("private/again.mp3")) as Buffer).subarray(36, 1036).equals(stored.subarray(36, 1036))).toBe(false);
    expect((await files.read("private/voice.mp3"))?.equals(voice)).toBe(true);
  });

  it("refuses a changed byte, a truncated object, and an object copied under another name", async () => {
    const original = randomBytes(150_000);
    await files.write("t/voice.mp3", original);
    const sealed = (await d.raw.read("t/voice.mp3")) as Buffer;

    const flipped = Buffer.from(sealed);
    flipped[100_000] = (flipped[100_000] as number) ^ 1;
    // Copied under the same name the key is derived from, so only the flip can make it fail.
    await d.raw.write("t/voice.mp3", flipped);
    await expect(files.read("t/voice.mp3")).rejects.toThrow(TamperedFileError);
    await expect(buffer((await files.readRange("t/voice.mp3", 70_000, 140_000)) as Readable)).rejects.toThrow(TamperedFileError);
    // The chunks before the changed one still open: a range is checked chunk by chunk.
    expect((await buffer((await files.readRange("t/voice.mp3", 0, 1000)) as Readable)).equals(original.subarray(0, 1001))).toBe(true);

    // Cut after its second chunk: that chunk was not sealed as the last one.
    await d.raw.write("t/voice.mp3", sealed.subarray(0, 36 + 2 * (65_536 + 16)));
    await expect(files.read("t/voice.mp3")).rejects.toThrow(TamperedFileError);

    await d.raw.write("t/copy.mp3", sealed);
    await expect(files.read("t/copy.mp3")).rejects.toThrow(TamperedFileError);
  });
});
