import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import v8 from "node:v8";
import vm from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicationRules } from "../src/app.js";
import { attachEpisodeAudio } from "../src/podcasts/episode.service.js";
import { releaseImportedStory } from "../src/stories/story-import.service.js";
import { makeMp3 } from "./support/audio.js";
import { createTestBucket, s3Env } from "./support/s3.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;
const liveBufferBytes = () => {
  collectGarbage();
  return process.memoryUsage().arrayBuffers;
};

/**
 * An episode's public audio kept in an S3-compatible bucket (s3rver), asked for by byte ranges
 * through the app over real HTTP, as a podcast player seeking in it does.
 */
describe("an episode's audio from an S3 bucket, by byte ranges over HTTP", () => {
  let t: TestApp;
  let url = "";
  let key = "";
  let file: Buffer = Buffer.alloc(0);

  beforeAll(async () => {
    t = await startTestApp({ dialect: "sqlite", demo: true, env: s3Env(await createTestBucket()) });
    const storyId = (await t.deps.db.selectFrom("stories").select("id").where("slug", "=", "parentalite-1-2-samia").executeTakeFirstOrThrow()).id;
    const { mp3, durationMs } = await makeMp3(4);
    const episode = await attachEpisodeAudio({ db: t.deps.db, clock: t.deps.clock, files: t.deps.files }, storyId, mp3, durationMs);
    expect(await releaseImportedStory({ ...t.deps, ...publicationRules({ baseUrl: t.url }) }, storyId)).toBeNull();
    key = episode.audioKey as string;
    url = `${t.url}/media/${key}`;
    file = (await t.deps.files.read(key)) as Buffer;
    expect(file.length).toBeGreaterThan(1000);
  }, 240_000);
  afterAll(() => t?.close());

  const ask = (range: string) => fetch(url, { headers: { range } });

  it("answers a range with 206, its Content-Range and exactly those bytes of the file", async () => {
    const res = await ask("bytes=100-199");
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe(`bytes 100-199/${file.length}`);
    expect(Buffer.from(await res.arrayBuffer()).equals(file.subarray(100, 200))).toBe(true);
  });

  it("answers an open range up to the end, and a suffix range of the last bytes", async () => {
    const from = file.length - 50;
    const end = await ask(`bytes=${from}-`);
    expect(end.status).toBe(206);
    expect(end.headers.get("content-range")).toBe(`bytes ${from}-${file.length - 1}/${file.length}`);
    expect(Buffer.from(await end.arrayBuffer()).equals(file.subarray(from))).toBe(true);
    const suffix = await ask("bytes=-30");
    expect(suffix.status).toBe(206);
    expect(suffix.headers.get("content-range")).toBe(`bytes ${file.length - 30}-${file.length - 1}/${file.length}`);
    expect(Buffer.from(await suffix.arrayBuffer()).equals(file.subarray(file.length - 30))).toBe(true);
  });

  it("answers 416 with the size for a range past the end", async () => {
    const res = await ask(`bytes=${file.length}-`);
    expect(res.status).toBe(416);
    expect(res.headers.get("content-range")).toBe(`bytes */${file.length}`);
    await res.arrayBuffer();
  });

  it("streams a large file from the bucket without holding it in memory", async () => {
    // The episode's object replaced by 40 MB made on the fly: what matters is how the app sends it.
    const size = 40 * 1024 * 1024;
    const chunk = Buffer.alloc(1024 * 1024);
    const expected = createHash("sha256");
    let made = 0;
    const source = Readable.from(
      (function* () {
        while (made < size) {
          chunk.fill(made % 251);
          made += chunk.length;
          expected.update(chunk);
          yield Buffer.from(chunk);
        }
      })(),
    );
    await t.deps.files.write(key, source);
    const baseline = liveBufferBytes();
    let peak = 0;
    const sample = setInterval(() => {
      peak = Math.max(peak, liveBufferBytes() - baseline);
    }, 250);
    try {
      const res = await ask("bytes=0-");
      expect(res.status).toBe(206);
      expect(res.headers.get("content-range")).toBe(`bytes 0-${size - 1}/${size}`);
      const got = createHash("sha256");
      let read = 0;
      for await (const part of res.body as unknown as AsyncIterable<Uint8Array>) {
        got.update(part);
        read += part.length;
      }
      expect(read).toBe(size);
      expect(got.digest("hex")).toBe(expected.digest("hex"));
    } finally {
      clearInterval(sample);
    }
    expect(peak).toBeLessThan(size * 0.8);
  }, 120_000);
});
