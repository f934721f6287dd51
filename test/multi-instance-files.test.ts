import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestBucket, s3Env } from "./support/s3.js";
import { Browser, createAccount, startTestApp, type TestApp } from "./support/test-app.js";

// Two app instances on one PostgreSQL database and one bucket, each with a data folder of its own,
// as an operator runs them behind a load balancer (FILES=s3).
describe("several app instances sharing an S3-compatible bucket", () => {
  let a: TestApp;
  let b: TestApp;

  /** Every file under a data folder: the media must not be there. */
  const localMedia = (t: TestApp) => (fs.existsSync(path.join(t.dataDir, "media")) ? fs.readdirSync(path.join(t.dataDir, "media"), { recursive: true }) : []);

  beforeAll(async () => {
    const env = s3Env(await createTestBucket());
    a = await startTestApp({ dialect: "postgres", env });
    b = await startTestApp({ dialect: "postgres", env, databaseOf: a });
  }, 240_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it("serves on one instance an image uploaded through the other", async () => {
    const editor = new Browser(a.url);
    await editor.signInDirectly(a, await createAccount(a, "editor"));
    const jpeg = await sharp({ create: { width: 1200, height: 800, channels: 3, background: "#aa8866" } }).jpeg().toBuffer();
    const fields = {
      title: "Une image pour deux instances",
      slug: "",
      kind: "article",
      format: "single",
      standfirst: "Un récit fictif écrit pour les tests.",
      body: "Un texte court.",
      creditKind: "pseudonym",
      creditName: "Ortie",
      creditAge: "",
      seriesId: "",
      seriesPosition: "",
      coverImageId: "",
      coverAlt: "Une couleur unie",
      action: "save",
    };
    const res = await editor.postMultipart("/admin/temoignages/nouveau", "/admin/temoignages", fields, { field: "cover", bytes: jpeg, name: "photo.jpg", type: "image/jpeg" });
    expect(res.status).toBe(303);
    const image = await a.deps.db.selectFrom("images").select("storage_key").orderBy("id", "desc").executeTakeFirstOrThrow();
    // A draft's cover: the editor's session (in the shared database) sees it on the other instance.
    const onB = await fetch(`${b.url}/media/images/${image.storage_key.replace(/^images\//, "")}/480.webp`, { headers: { cookie: editor.cookieHeader() } });
    expect(onB.status).toBe(200);
    const served = Buffer.from(await onB.arrayBuffer());
    expect((await sharp(served).metadata()).width).toBe(480);
    expect(served.equals((await a.deps.files.read(`${image.storage_key}/480.webp`)) as Buffer)).toBe(true);
    expect(localMedia(a)).toEqual([]);
    expect(localMedia(b)).toEqual([]);
  });
});
