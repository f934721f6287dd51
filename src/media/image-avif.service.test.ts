import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresDatabase, DIALECTS } from "../../test/support/databases.js";
import { Browser, createAccount, startTestApp, type TestApp } from "../../test/support/test-app.js";
import type { Queryable } from "../database.js";
import { type DatabaseHandle, openPostgres, openSqlite } from "../platform/db/connection.js";
import { migrateToLatest } from "../platform/db/migrator.js";
import type { FileStore } from "../platform/files/file-store.js";
import { createLocalFileStore } from "../platform/files/local-file-store.js";
import { createLogger } from "../platform/logger.js";
import { runDueJobs } from "../platform/jobs/job-queue.js";
import { migrations } from "../schema/migrations.js";
import { IMAGE_AVIF_JOB, imageAvifJob } from "./image-avif.service.js";
import { recordImage, renderImage } from "./image.service.js";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-avif-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const photo = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#777777", noise: { type: "gaussian", mean: 120, sigma: 40 } } })
    .jpeg()
    .toBuffer();

describe.each(DIALECTS)("an image's AVIF renditions made later, by a job, on %s", (dialect) => {
  let handle: DatabaseHandle<Record<string, never>>;
  let db: Queryable;
  let files: FileStore;
  const now = new Date("2026-12-04T10:00:00.000Z");
  const runJobs = (store = files) => runDueJobs({ db: db as never, log: createLogger("fatal"), now: () => now }, { [IMAGE_AVIF_JOB]: imageAvifJob({ db, files: store }) }, 100);

  beforeAll(async () => {
    handle = dialect === "postgres" ? openPostgres(await createPostgresDatabase()) : openSqlite(":memory:");
    db = handle.db as unknown as Queryable;
    await migrateToLatest(handle.db as never, migrations);
    files = createLocalFileStore(path.join(work, dialect));
  });
  afterAll(() => handle.close());

  it("writes WebP and JPEG at once, then every width's AVIF from the job, and leaves nothing else behind", async () => {
    const rendered = await renderImage({ files }, await photo(1600, 1067), { avif: "later" });
    expect(rendered.widths).toEqual([480, 960, 1440]);
    const before = await files.list(rendered.key);
    expect(before.filter((k) => k.endsWith(".avif"))).toEqual([]);
    expect(before.filter((k) => /\.(webp|jpeg)$/.test(k))).toHaveLength(6);
    await db.transaction().execute((tx) => recordImage(tx, now, rendered, "Une photo"));
    expect(await runJobs()).toBe(1);
    const after = (await files.list(rendered.key)).map((k) => k.slice(rendered.key.length + 1)).sort();
    expect(after).toEqual(["1440.avif", "1440.jpeg", "1440.webp", "480.avif", "480.jpeg", "480.webp", "960.avif", "960.jpeg", "960.webp"]);
    for (const w of rendered.widths) {
      const meta = await sharp((await files.read(`${rendered.key}/${w}.avif`)) as Buffer).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["heif", w, Math.round((w * 1067) / 1600)]);
    }
    // Run again (a retry after a crash): nothing left to do, nothing changes.
    await db.insertInto("jobs").values({ kind: IMAGE_AVIF_JOB, subject: rendered.key, payload: JSON.stringify({ key: rendered.key }), state: "queued", max_attempts: 3, forget_when_finished: 0, run_after: now.toISOString(), created_at: now.toISOString(), updated_at: now.toISOString() }).execute();
    expect(await runJobs()).toBe(1);
    expect((await files.list(rendered.key)).length).toBe(9);
  });

  it("keeps an image's transparency in its AVIF renditions", async () => {
    const png = await sharp({ create: { width: 600, height: 400, channels: 4, background: { r: 200, g: 30, b: 30, alpha: 0.4 } } }).png().toBuffer();
    const rendered = await renderImage({ files }, png, { avif: "later" });
    await recordImage(db, now, rendered);
    await runJobs();
    const pixel = await sharp((await files.read(`${rendered.key}/${rendered.widths[0]}.avif`)) as Buffer).raw().toBuffer({ resolveWithObject: true });
    expect(pixel.info.channels).toBe(4);
    expect(pixel.data[3]).toBeGreaterThan(80);
    expect(pixel.data[3]).toBeLessThan(125);
  });

  it("leaves no file of an image deleted before its job ran", async () => {
    const rendered = await renderImage({ files }, await photo(1000, 700), { avif: "later" });
    await recordImage(db, now, rendered);
    await db.deleteFrom("images").where("storage_key", "=", rendered.key).execute();
    await runJobs();
    expect(await files.list(rendered.key)).toEqual([]);
  });

  it("leaves no file of an image deleted while its job ran (the row first, then the files, as the library does)", async () => {
    const rendered = await renderImage({ files }, await photo(1000, 700), { avif: "later" });
    await recordImage(db, now, rendered);
    let deleted = false;
    const deletingMidway: FileStore = {
      ...files,
      async write(key, data) {
        if (!deleted && key.endsWith(".avif")) {
          deleted = true;
          await db.deleteFrom("images").where("storage_key", "=", rendered.key).execute();
          await files.remove(rendered.key);
        }
        await files.write(key, data);
      },
    };
    await runJobs(deletingMidway);
    expect(deleted).toBe(true);
    expect(await files.list(rendered.key)).toEqual([]);
  });

  it("makes all three formats at once for a single upload, and queues nothing", async () => {
    const rendered = await renderImage({ files }, await photo(1000, 700));
    await recordImage(db, now, rendered);
    expect((await files.list(rendered.key)).filter((k) => k.endsWith(".avif"))).toHaveLength(rendered.widths.length);
    expect(await db.selectFrom("jobs").select("id").where("subject", "=", rendered.key).execute()).toEqual([]);
  });
});

describe("the address of an AVIF rendition not made yet", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ dialect: "sqlite" });
  });
  afterAll(() => t.close());

  it("answers with the WebP rendition, as WebP, until the AVIF one exists", async () => {
    const editor = new Browser(t.url);
    await editor.signInDirectly(t, await createAccount(t, "editor"));
    const rendered = await renderImage(t.deps, await photo(1000, 700), { avif: "later" });
    // Recorded without its job, so the server's own runner cannot make it first.
    await recordImage(t.deps.db, new Date(), { ...rendered, avifLater: false });
    const address = `/media/${rendered.key}/960.avif`;
    const before = await editor.get(address);
    expect([before.status, before.headers.get("content-type")]).toEqual([200, "image/webp"]);
    expect(Buffer.from(await before.arrayBuffer()).equals((await t.deps.files.read(`${rendered.key}/960.webp`)) as Buffer)).toBe(true);
    // Never a stand-in for another format, nor for a missing width.
    expect((await editor.get(`/media/${rendered.key}/480.avif`)).status).toBe(200);
    expect((await editor.get(`/media/${rendered.key}/720.avif`)).status).toBe(404);
    await imageAvifJob({ db: t.deps.db, files: t.deps.files })({ id: 0, kind: IMAGE_AVIF_JOB, subject: rendered.key, payload: { key: rendered.key }, attempt: 1, interrupted: false }, { progress: async () => {} });
    const after = await editor.get(address);
    expect([after.status, after.headers.get("content-type")]).toEqual([200, "image/avif"]);
    expect((await sharp(Buffer.from(await after.arrayBuffer())).metadata()).format).toBe("heif");
    // Readers never reach the kept pixels: only "<width>.<format>" is served.
    expect((await editor.get(`/media/${rendered.key}/avif-source`)).status).toBe(404);
  });
});
