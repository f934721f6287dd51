import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseFile } from "music-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filesUnder, makeAudioFixture } from "../../test/support/audio-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import { Browser, createAccount, startTestApp, type TestApp } from "../../test/support/test-app.js";

const MARK = `CANARIEPISODE${Date.now().toString(36).toUpperCase()}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-episode-audio-"));
let tagged = "";
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  tagged = await makeAudioFixture(dir, "episode.m4a", ["-c:a", "aac"], { marker: MARK, picture: true, seconds: 6 });
}, 60_000);

describe.each(DIALECTS)("an episode's audio uploaded by an editor, on %s", (dialect) => {
  let t: TestApp;
  let editor: Browser;
  let storyId = 0;

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    editor = new Browser(t.url);
    await editor.signInDirectly(t, await createAccount(t, "editor"));
    const res = await editor.submit("/admin/temoignages/nouveau", "/admin/temoignages", {
      title: "Une voix au micro",
      slug: "",
      kind: "podcast",
      format: "single",
      standfirst: "Un épisode fictif pour les tests.",
      body: "Notes de l'épisode.",
      creditKind: "pseudonym",
      creditName: "Sable",
      creditAge: "",
      action: "save",
    });
    storyId = Number(/(\d+)\?/.exec(res.headers.get("location") ?? "")?.[1]);
  });
  afterAll(() => t.close());

  const page = () => `/admin/temoignages/${storyId}/episode`;
  const upload = (bytes: Buffer, name: string) => editor.postMultipart(page(), `${page()}/audio`, {}, { field: "audio", bytes, name, type: "application/octet-stream" });
  const privateFiles = () => filesUnder(path.join(t.dataDir, "private"));
  /** The multipart layer deletes a refused upload once the response is sent: wait for that. */
  const settledPrivateFiles = async () => {
    for (let i = 0; i < 50 && filesUnder(path.join(t.dataDir, "private", "uploads")).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    return privateFiles();
  };

  it("states the formats and limits before the field", async () => {
    const { html } = await editor.getText(page());
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toMatch(/400 Mo et 3 heures au plus/);
    expect(html).toContain('name="audio" type="file"');
  });

  it("refuses a file that is not audio with a French message, storing nothing", async () => {
    const before = privateFiles().length;
    const res = await upload(Buffer.from("#EXTM3U\n#EXTINF:1,\nfile:///etc/passwd\n"), "episode.mp3");
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("n'est pas un enregistrement audio reconnu");
    expect(html).toContain('aria-invalid="true"');
    expect(await settledPrivateFiles()).toHaveLength(before);
    expect(await t.deps.db.selectFrom("jobs").selectAll().where("subject", "=", `story:${storyId}`).execute()).toHaveLength(0);
  });

  it("says in English, on an English page, why an upload was refused", async () => {
    const english = new Browser(t.url, { "accept-language": "en" });
    await english.signInDirectly(t, await createAccount(t, "editor"));
    const notAudio = await english.postMultipart(page(), `${page()}/audio`, {}, { field: "audio", bytes: Buffer.from("#EXTM3U\nfile:///etc/passwd\n"), name: "episode.mp3", type: "application/octet-stream" });
    expect(notAudio.status).toBe(422);
    const refused = await notAudio.text();
    expect(refused).toContain("This file is not a recognised audio recording.");
    expect(refused).not.toContain("enregistrement");
    const missing = await english.postMultipart(page(), `${page()}/audio`, {}, { field: "other", bytes: Buffer.from("x"), name: "x.txt", type: "text/plain" });
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain("Choose an audio file.");
    const french = await editor.postMultipart(page(), `${page()}/audio`, {}, { field: "other", bytes: Buffer.from("x"), name: "x.txt", type: "text/plain" });
    expect(await french.text()).toContain("Choisissez un fichier audio.");
  });

  it("processes an upload as a job, attaches it and deletes the upload; the served MP3 carries no tag of the original", async () => {
    expect(fs.readFileSync(tagged).includes(MARK)).toBe(true);
    const res = await upload(fs.readFileSync(tagged), "interview-with-tags.m4a");
    expect(res.status).toBe(303);
    const landing = res.headers.get("location") ?? "";
    // Kept privately until processed.
    expect(privateFiles().some((f) => f.endsWith(".upload"))).toBe(true);
    const queued = await editor.getText(landing);
    // French typography: a narrow no-break space before the colon.
    expect(queued.html).toContain("Fichier reçu\u202f: en attente de traitement");

    await t.app.runScheduledTasks();
    const episode = await t.deps.db.selectFrom("episodes").selectAll().where("story_id", "=", storyId).executeTakeFirstOrThrow();
    expect(episode.audio_key).toMatch(/^audio\/[a-f0-9]{24}\.mp3$/);
    expect(Number(episode.duration_ms)).toBeGreaterThan(5500);
    expect(Number(episode.duration_ms)).toBeLessThan(6500);
    expect(await settledPrivateFiles()).toEqual([]);
    const { html } = await editor.getText(page());
    expect(html).toMatch(/Fichier en place\u202f: durée 00:0[56]/);
    expect(html).not.toContain("en attente de traitement");
    // The page the upload led to, reloaded once the job is done, no longer says the file is being processed.
    const reloaded = await editor.getText(landing);
    expect(reloaded.html).not.toContain("Fichier reçu");
    expect(reloaded.html).not.toContain("en cours de traitement");

    // Every stored audio file, read back: no marker, no tag, no picture.
    const stored = filesUnder(path.join(t.dataDir, "media", "audio"));
    expect(stored).toHaveLength(1);
    for (const file of stored) {
      expect(fs.readFileSync(file).includes(MARK)).toBe(false);
      const meta = await parseFile(file);
      expect(meta.common.title).toBeUndefined();
      expect(meta.common.picture ?? []).toEqual([]);
      expect(Object.values(meta.native).flat()).toEqual([]);
      expect(fs.statSync(file).size).toBe(Number(episode.audio_bytes));
    }

    // A second upload replaces the first file; keys are never reused.
    await upload(fs.readFileSync(tagged), "again.m4a");
    await t.app.runScheduledTasks();
    const replaced = await t.deps.db.selectFrom("episodes").select("audio_key").where("story_id", "=", storyId).executeTakeFirstOrThrow();
    expect(replaced.audio_key).not.toBe(episode.audio_key);
    expect(filesUnder(path.join(t.dataDir, "media", "audio"))).toHaveLength(1);
  });

  it("lets editors listen to the processed file on the episode page, and nobody else fetch it", async () => {
    const { html } = await editor.getText(page());
    const src = /<audio controls[^>]* src="([^"]+)"/.exec(html)?.[1] ?? "";
    expect(src).toBe(`${page()}/audio.mp3`);
    const heard = await editor.get(src);
    expect(heard.status).toBe(200);
    expect(heard.headers.get("content-type")).toBe("audio/mpeg");
    const key = (await t.deps.db.selectFrom("episodes").select("audio_bytes").where("story_id", "=", storyId).executeTakeFirstOrThrow()).audio_bytes;
    expect((await heard.arrayBuffer()).byteLength).toBe(Number(key));
    const author = new Browser(t.url);
    await author.signInDirectly(t, await createAccount(t, "author"));
    expect((await author.get(src)).status).toBe(403);
    expect((await fetch(`${t.url}${src}`, { redirect: "manual" })).status).toBe(303);
  });

  it("shows a failed processing with its reason and lets the editor retry", async () => {
    await upload(fs.readFileSync(tagged), "lost.m4a");
    // The upload vanishes before the job runs (a disk replaced, an operator's mistake).
    for (const f of privateFiles().filter((f) => f.endsWith(".upload"))) fs.rmSync(f);
    await t.app.runScheduledTasks();
    const { html } = await editor.getText(page());
    expect(html).toContain('data-processing="failed"');
    expect(html).toContain("Le fichier envoyé n'est plus là");
    const retried = await editor.submit(page(), `${page()}/audio/reessayer`, {});
    expect(retried.status).toBe(303);
    const job = await t.deps.db.selectFrom("jobs").select(["state", "attempts"]).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(job).toMatchObject({ state: "queued", attempts: 0 });
  });

  it("tells editors in their language why a processing failed and what to do next, never the technical text", async () => {
    await upload(fs.readFileSync(tagged), "spoilt.m4a");
    const [key] = (await t.deps.privateFiles.list(`episodes/${storyId}`)).filter((k) => k.endsWith(".upload"));
    // The kept upload is no longer audio when the job reads it (a disk fault, an operator's mistake).
    await t.deps.privateFiles.write(key as string, Buffer.from("ceci n'est plus un enregistrement"));
    await t.app.runScheduledTasks();
    const french = await editor.getText(page());
    expect(french.html).toContain('data-processing="failed"');
    expect(french.html).toMatch(/Ce fichier n'est pas un enregistrement audio reconnu\. Envoyez un autre fichier avec le formulaire ci-dessous\./);
    const english = new Browser(t.url, { "accept-language": "en" });
    await english.signInDirectly(t, await createAccount(t, "editor"));
    const { html } = await english.getText(page());
    expect(html).toContain("After 1 attempt: This file is not a recognised audio recording. Upload another file with the form below.");
    expect(html).not.toMatch(/enregistrement|ffmpeg|ffprobe|Invalid data/);
    // A failure stored before codes (or with a code this page does not know) is an unexpected one.
    await t.deps.db.updateTable("jobs").set({ failure_code: null }).where("subject", "=", `story:${storyId}`).execute();
    expect((await english.getText(page())).html).toContain("Processing failed for an unexpected reason. Retry it; if it fails again, tell the site's administrator.");
    expect((await editor.getText(page())).html).toContain("Le traitement a échoué pour une raison imprévue.");
  });

  it("answers a retry of a processing that has not failed with 409 and says so, and one of an episode without processing with 404", async () => {
    // The latest processing finished meanwhile (another editor's retry, or a second click).
    const latest = await t.deps.db.selectFrom("jobs").select("id").where("subject", "=", `story:${storyId}`).orderBy("id", "desc").executeTakeFirstOrThrow();
    await t.deps.db.updateTable("jobs").set({ state: "done" }).where("id", "=", latest.id).execute();
    const french = await editor.submit(page(), `${page()}/audio/reessayer`, {});
    expect(french.status).toBe(409);
    expect(await french.text()).toMatch(/Ce traitement n'a pas échoué\s: il est en attente, en cours ou terminé\. Rien n'a été relancé\./);
    const english = new Browser(t.url, { "accept-language": "en" });
    await english.signInDirectly(t, await createAccount(t, "editor"));
    const refused = await english.submit(page(), `${page()}/audio/reessayer`, {});
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("This processing has not failed: it is waiting, running or finished. Nothing was restarted.");
    expect(await t.deps.db.selectFrom("jobs").select("state").where("id", "=", latest.id).executeTakeFirstOrThrow()).toEqual({ state: "done" });
    const created = await editor.submit("/admin/temoignages/nouveau", "/admin/temoignages", {
      title: "Un épisode encore muet",
      slug: "",
      kind: "podcast",
      format: "single",
      standfirst: "Sans son pour l'instant.",
      body: "Notes.",
      creditKind: "pseudonym",
      creditName: "Sable",
      creditAge: "",
      action: "save",
    });
    const silent = `/admin/temoignages/${Number(/(\d+)\?/.exec(created.headers.get("location") ?? "")?.[1])}/episode`;
    const none = await english.submit(silent, `${silent}/audio/reessayer`, {});
    expect(none.status).toBe(404);
    expect(await none.text()).toContain("There is no processing to retry for this episode.");
  });

  it("gives authors and anonymous visitors nothing", async () => {
    const author = new Browser(t.url);
    await author.signInDirectly(t, await createAccount(t, "author"));
    const res = await author.get(page());
    expect([403, 404]).toContain(res.status);
    const anonymous = await fetch(`${t.url}${page()}`, { redirect: "manual" });
    expect(anonymous.status).toBe(303);
  });
});
