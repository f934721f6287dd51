import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseBuffer, parseFile } from "music-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDIO_UPLOAD_FORMATS as FORMATS, filesUnder, makeAudioFixture, pitchOf } from "../../../test/support/audio-fixtures.js";
import { manualClock } from "../../../test/support/clock.js";
import { DIALECTS } from "../../../test/support/databases.js";
import { Browser, createAccount, startTestApp, type TestApp } from "../../../test/support/test-app.js";
import { hasFilesUnder, isStored } from "../../../test/support/stored.js";
import { Visitor } from "../../../test/support/visitor.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-audio-routes-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const MARK = `CANARI${Date.now().toString(36).toUpperCase()}`;

const fixtures = new Map<string, string>();
beforeAll(async () => {
  for (const f of FORMATS) fixtures.set(f.name, await makeAudioFixture(dir, f.name, f.args, { marker: f.tagged ? MARK : undefined, picture: f.picture }));
}, 120_000);

const AUDIO_FIELDS = { title: "Ma voix du matin", body: "", format: "audio", disguise: "none", creditKind: "anonymous", channels: ["site", "podcast"], consent: "1", action: "send" };

describe.each(DIALECTS)("audio contributions on %s", (dialect) => {
  let t: TestApp;
  let editor: Browser;
  const clock = manualClock("2026-12-03T09:00:00.000Z");

  beforeAll(async () => {
    t = await startTestApp({ dialect, clock, env: { TRUST_PROXY: "on" } });
    editor = new Browser(t.url);
    await editor.signInDirectly(t, await createAccount(t, "editor"));
  });
  afterAll(() => t.close());

  const privateRoot = () => path.join(t.dataDir, "private");
  const storedFiles = () => [...filesUnder(path.join(t.dataDir, "private")), ...filesUnder(path.join(t.dataDir, "media"))];
  const submissionByTitle = (title: string) => t.deps.db.selectFrom("submissions").selectAll().where("title", "=", title).orderBy("id", "desc").executeTakeFirstOrThrow();
  const count = async (table: "submissions" | "jobs") => Number((await t.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

  /** Runs the job queue until nothing is due; the background timer may hold it for a moment. */
  async function settleJobs(): Promise<void> {
    // A deadline, not a number of rounds: on a loaded machine one processing can take seconds.
    for (const deadline = Date.now() + 180_000; Date.now() < deadline; ) {
      await t.app.runScheduledTasks();
      const busy = await t.deps.db.selectFrom("jobs").select("id").where("state", "in", ["queued", "running"]).where("run_after", "<=", clock.now().toISOString()).execute();
      if (busy.length === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("des tâches audio ne se terminent pas");
  }

  async function contributeAudio(fixture: string, fields: Record<string, string | string[]> = {}) {
    const f = FORMATS.find((x) => x.name === fixture);
    const visitor = new Visitor(t.url);
    const result = await visitor.contribute({ ...AUDIO_FIELDS, ...fields }, { bytes: fs.readFileSync(fixtures.get(fixture) as string), name: fixture, type: f?.type ?? "audio/wav" });
    return { visitor, ...result };
  }

  it("offers text or audio, with the limits before the file field, and the disguise explained", async () => {
    const html = await (await new Visitor(t.url).get("/temoigner")).text();
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toMatch(/name="format" value="text" checked/);
    const limits = html.indexOf("60 Mo et 30 minutes au plus");
    expect(limits).toBeGreaterThan(0);
    expect(limits).toBeLessThan(html.indexOf('type="file"'));
    expect(html).toContain('accept=".mp3,');
    expect(html).toContain("qui n'est gardé nulle part");
    expect(html).toContain("Il ne cache pas vos mots, votre accent");
    expect(html).toContain("/assets/recorder.js?v=");
  });

  it("accepts every format by its content, processes it into a playable MP3 served with Range, and deletes the source once sent", async () => {
    const sent: Array<{ name: string; receipt: string }> = [];
    for (const f of FORMATS) {
      const { res, html, receipt } = await contributeAudio(f.name, { title: `Format ${f.name}` });
      expect(res.status, `${f.name}: ${html.slice(0, 300)}`).toBe(200);
      expect(receipt, f.name).not.toBe("");
      const row = await submissionByTitle(`Format ${f.name}`);
      expect(row.format).toBe("audio");
      expect(row.state).toBe("received");
      sent.push({ name: f.name, receipt });
    }
    // Nothing stays in the upload folder once the answers are sent.
    expect(filesUnder(path.join(privateRoot(), "uploads"))).toEqual([]);
    await settleJobs();
    for (const { name, receipt } of sent) {
      const row = await submissionByTitle(`Format ${name}`);
      expect(row.audio_key, name).toMatch(/^submissions\/[0-9a-f]{32}\/voice\.mp3$/);
      expect(Math.abs(Number(row.audio_duration_ms) - 4000), name).toBeLessThan(200);
      // Sent at once: the raw voice is not kept once the processed one exists.
      expect(row.audio_source_key, name).toBeNull();
      const visitor = new Visitor(t.url);
      await visitor.openFollowUp(receipt);
      const page = await (await visitor.get("/suivi/contribution")).text();
      expect(page).toContain('<audio controls preload="metadata" src="/suivi/audio.mp3');
      const full = await visitor.get("/suivi/audio.mp3");
      expect(full.status, name).toBe(200);
      expect(full.headers.get("content-type")).toBe("audio/mpeg");
      expect(full.headers.get("cache-control")).toBe("no-store");
      expect(full.headers.get("accept-ranges")).toBe("bytes");
      const bytes = Buffer.from(await full.arrayBuffer());
      const meta = await parseBuffer(bytes, { mimeType: "audio/mpeg" });
      expect(meta.format.codec, name).toMatch(/MPEG 1 Layer 3/);
      expect(Math.abs((meta.format.duration ?? 0) - 4), name).toBeLessThan(0.3);
      const part = await visitor.get("/suivi/audio.mp3", { range: "bytes=1000-1999" });
      expect(part.status, name).toBe(206);
      expect(part.headers.get("content-range")).toBe(`bytes 1000-1999/${bytes.length}`);
      expect(Buffer.compare(Buffer.from(await part.arrayBuffer()), bytes.subarray(1000, 2000))).toBe(0);
      const tail = await visitor.get("/suivi/audio.mp3", { range: "bytes=-500" });
      expect(tail.status).toBe(206);
      expect(Buffer.compare(Buffer.from(await tail.arrayBuffer()), bytes.subarray(bytes.length - 500))).toBe(0);
      const beyond = await visitor.get("/suivi/audio.mp3", { range: `bytes=${bytes.length + 10}-` });
      expect(beyond.status).toBe(416);
      expect(beyond.headers.get("content-range")).toBe(`bytes */${bytes.length}`);
    }
  }, 180_000);

  it("refuses hostile and broken files with the form re-displayed, and stores nothing", async () => {
    const flac = fs.readFileSync(fixtures.get("voix.flac") as string);
    const video = path.join(dir, "muet.webm");
    const { execFile } = await import("node:child_process");
    await new Promise<void>((resolve, reject) =>
      execFile("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "color=c=red:s=32x32:d=2", "-c:v", "libvpx", video], (err) => (err ? reject(err) : resolve())),
    );
    // A film with its sound, and an MP3 cut short whose header still announces the whole length.
    const film = path.join(dir, "film.mp4");
    const whole = path.join(dir, "entier.mp3");
    for (const args of [
      ["-f", "lavfi", "-i", "testsrc=duration=3:size=96x64:rate=10", "-f", "lavfi", "-i", "sine=duration=3", "-c:v", "mpeg4", "-c:a", "aac", "-shortest", film],
      ["-f", "lavfi", "-i", "sine=frequency=330:duration=20", "-ac", "1", "-c:a", "libmp3lame", "-b:a", "64k", whole],
    ]) {
      await new Promise<void>((resolve, reject) => execFile("ffmpeg", ["-v", "error", "-y", ...args], (err) => (err ? reject(err) : resolve())));
    }
    const cut = fs.readFileSync(whole);
    const overLimit = Buffer.alloc(60 * 1024 * 1024 + 4096);
    overLimit.write("RIFF\0\0\0\0WAVE", 0, "latin1");
    const cases: Array<{ what: string; bytes: Buffer; name: string; says: string }> = [
      { what: "text renamed .mp3", bytes: Buffer.from("Ceci est un texte, pas un son.\n".repeat(20)), name: "texte.mp3", says: "pas un enregistrement audio reconnu" },
      { what: "HLS playlist", bytes: Buffer.from("#EXTM3U\n#EXT-X-VERSION:3\n#EXTINF:10,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n"), name: "liste.mp3", says: "pas un enregistrement audio reconnu" },
      { what: "truncated FLAC", bytes: flac.subarray(0, 60), name: "coupe.flac", says: "Choisissez à nouveau un fichier" },
      { what: "video without sound", bytes: fs.readFileSync(video), name: "muet.webm", says: "une seule piste audio" },
      { what: "video with sound", bytes: fs.readFileSync(film), name: "film.m4a", says: "contient une vidéo" },
      { what: "cut MP3", bytes: cut.subarray(0, Math.floor(cut.length / 3)), name: "coupe.mp3", says: "avant la fin qu'il annonce" },
      { what: "empty file", bytes: Buffer.alloc(0), name: "vide.mp3", says: "Choisissez un fichier audio, ou enregistrez-vous" },
      { what: "over the size limit", bytes: overLimit, name: "long.wav", says: "Le fichier dépasse 60 Mo" },
    ];
    const rowsBefore = await count("submissions");
    const jobsBefore = await count("jobs");
    const filesBefore = storedFiles();
    for (const c of cases) {
      const visitor = new Visitor(t.url);
      const { res, html } = await visitor.contribute({ ...AUDIO_FIELDS, title: `Refus ${c.what}`, body: "Quelques mots avant ma voix." }, { bytes: c.bytes, name: c.name, type: "audio/mpeg" });
      expect(res.status, c.what).toBe(422);
      expect(html, c.what).toContain('class="error-summary"');
      expect(html, c.what).toContain(c.says);
      if (c.what !== "empty file") expect(html, c.what).toContain("Choisissez à nouveau un fichier");
      // What was typed comes back, with the audio format still chosen.
      expect(html, c.what).toContain(`value="Refus ${c.what}"`);
      expect(html, c.what).toContain("Quelques mots avant ma voix.");
      expect(html, c.what).toMatch(/name="format" value="audio" checked/);
      expect(html, c.what).toContain('aria-invalid="true" aria-describedby="champ-audio-limites');
    }
    expect(await count("submissions")).toBe(rowsBefore);
    expect(await count("jobs")).toBe(jobsBefore);
    // The uploads were deleted after each answer, and nothing reached the private store.
    await expect.poll(() => filesUnder(path.join(privateRoot(), "uploads"))).toEqual([]);
    expect(storedFiles()).toEqual(filesBefore);
  }, 120_000);

  it("keeps a good file only once the whole form is right, and says to choose it again", async () => {
    const rowsBefore = await count("submissions");
    const { res, html } = await contributeAudio("voix.ogg", { title: "Sans accord", consent: [] });
    expect(res.status).toBe(422);
    expect(html).toContain("Le fichier convenait, mais il n'est pas gardé");
    expect(html).toContain("Cochez cette case pour envoyer");
    expect(await count("submissions")).toBe(rowsBefore);
    // A disguise goes with the anonymous credit.
    const named = await contributeAudio("voix.ogg", { title: "Nommé", creditKind: "pseudonym", creditName: "Ardoise", disguise: "strong" });
    expect(named.res.status).toBe(422);
    expect(named.html).toContain("Le déguisement de la voix va avec le crédit");
    expect(await count("submissions")).toBe(rowsBefore);
    // Text stays exactly as before: the body is required without a recording.
    const text = await new Visitor(t.url).contribute({ ...AUDIO_FIELDS, format: "text", title: "Sans texte" });
    expect(text.res.status).toBe(422);
    expect(text.html).toContain("Écrivez votre témoignage, même quelques lignes.");
  });

  it("leaves no tag, GPS location, comment or picture in any stored file (canary)", async () => {
    for (const f of FORMATS.filter((x) => x.tagged)) {
      const input = fs.readFileSync(fixtures.get(f.name) as string);
      // The markers really are in what is sent, or this test proves nothing.
      expect(input.includes(MARK), f.name).toBe(true);
      if (f.picture) expect(input.includes(Buffer.from("\x89PNG", "latin1")), f.name).toBe(true);
      // Kept as drafts, so the source and the processed file are both on disk.
      const { res } = await contributeAudio(f.name, { title: `Canari ${f.name}`, action: "draft" });
      expect(res.status).toBe(200);
    }
    await settleJobs();
    const stored = storedFiles();
    expect(stored.filter((f) => f.endsWith("source.mka")).length).toBeGreaterThanOrEqual(6);
    expect(stored.filter((f) => f.endsWith("voice.mp3")).length).toBeGreaterThanOrEqual(6);
    for (const file of stored) {
      const bytes = fs.readFileSync(file);
      expect(bytes.includes(MARK), file).toBe(false);
      expect(bytes.includes("48.8566"), file).toBe(false);
      expect(bytes.includes(Buffer.from("\x89PNG", "latin1")), file).toBe(false);
      const meta = await parseFile(file);
      expect(meta.common.title, file).toBeUndefined();
      expect(meta.common.artist, file).toBeUndefined();
      expect(meta.common.comment ?? [], file).toEqual([]);
      expect(meta.common.picture ?? [], file).toEqual([]);
      expect(JSON.stringify(meta.native), file).not.toContain(MARK);
    }
  }, 180_000);

  it("disguises an anonymous voice before anyone hears it, lets its author choose again, and deletes the source when sent", async () => {
    const { visitor, res, html, receipt } = await contributeAudio("voix.wav", { title: "Voix déguisée", disguise: "strong" });
    expect(res.status).toBe(200);
    expect(html).toContain("votre témoignage reste un brouillon jusqu'à ce que vous ayez écouté le résultat");
    expect(html).toContain('href="/suivi"');
    let row = await submissionByTitle("Voix déguisée");
    expect(row.state).toBe("draft");
    expect(row.audio_disguise).toBe("strong");
    const sourceKey = row.audio_source_key as string;
    const sourceFile = path.join(dir, "source-strong.mka");
    fs.writeFileSync(sourceFile, (await t.deps.privateFiles.read(sourceKey)) as Buffer);
    await visitor.openFollowUp(receipt);
    // Before processing: the state in words, a way to refresh, no send button yet.
    const before = await (await visitor.get("/suivi/contribution")).text();
    if (!row.audio_key) {
      expect(before).toMatch(/Traitement en cours\s?: \d+\s?%/);
      expect(before).toContain(">Mettre à jour</a>");
      expect(before).not.toContain("Envoyer à l'équipe");
      const status = await visitor.get("/suivi/audio.json");
      expect(status.headers.get("cache-control")).toBe("no-store");
      expect(await status.json()).toMatchObject({ state: "processing" });
    }
    await settleJobs();
    row = await submissionByTitle("Voix déguisée");
    const firstKey = row.audio_key as string;
    const heard = path.join(dir, "heard-strong.mp3");
    fs.writeFileSync(heard, Buffer.from(await (await visitor.get("/suivi/audio.mp3")).arrayBuffer()));
    const sourcePitch = await pitchOf(sourceFile);
    const strongPitch = await pitchOf(heard);
    expect(Math.abs(sourcePitch - 330)).toBeLessThan(5);
    expect(strongPitch).toBeLessThan(330 * 0.77);
    expect(strongPitch).toBeGreaterThan(330 * 0.69);
    const ready = await (await visitor.get("/suivi/contribution")).text();
    expect(ready).toContain("Déguisement de la voix : fort".replace(" :", "\u202f:"));
    expect(ready).toContain("Envoyer à l&#39;équipe".replace("&#39;", "'"));
    // Editors never see a draft, nor its audio.
    expect((await editor.get(`/admin/contributions/${row.id}/audio.mp3`)).status).toBe(404);
    // Another disguise: a new file, the previous one deleted.
    expect((await visitor.post("/suivi/contribution", "/suivi/deguisement", { disguise: "light" })).status).toBe(303);
    expect(await isStored(t.deps.privateFiles, firstKey)).toBe(false);
    await settleJobs();
    row = await submissionByTitle("Voix déguisée");
    expect(row.audio_key).not.toBe(firstKey);
    fs.writeFileSync(heard, Buffer.from(await (await visitor.get("/suivi/audio.mp3")).arrayBuffer()));
    const lightPitch = await pitchOf(heard);
    expect(lightPitch).toBeGreaterThan(330 * 0.83);
    expect(lightPitch).toBeLessThan(330 * 0.9);
    // Sent: the source is gone from the disk, the processed file stays for the editors.
    expect((await visitor.post("/suivi/contribution", "/suivi/envoyer", { channels: "site", consent: "1" })).status).toBe(303);
    row = await submissionByTitle("Voix déguisée");
    expect(row.state).toBe("received");
    expect(row.audio_source_key).toBeNull();
    expect(await isStored(t.deps.privateFiles, sourceKey)).toBe(false);
    expect(await hasFilesUnder(t.deps.privateFiles, path.posix.dirname(sourceKey))).toBe(false);
    const admin = await editor.getText(`/admin/contributions/${row.id}`);
    expect(admin.html).toContain("Voix déguisée avant toute écoute");
    expect(admin.html).not.toMatch(/0[.,]8\d|facteur/);
    expect(admin.html).toContain(`/admin/contributions/${row.id}/audio.mp3`);
    const served = await editor.get(`/admin/contributions/${row.id}/audio.mp3`, { range: "bytes=0-99" });
    expect(served.status).toBe(206);
    expect(served.headers.get("cache-control")).toBe("no-store");
    // Too late to change the disguise now.
    expect((await visitor.post("/suivi/contribution", "/suivi/deguisement", { disguise: "none" })).headers.get("location")).toBe("/suivi/contribution?info=deguisement");
  }, 120_000);

  it("gives each follow-up session its own recording only, and keeps the editors' route from visitors and authors", async () => {
    const first = await contributeAudio("voix.mp3", { title: "Première voix" });
    await settleJobs();
    const row = await submissionByTitle("Première voix");
    const second = new Visitor(t.url);
    const text = await second.contribute({ ...AUDIO_FIELDS, format: "text", title: "Seconde, par écrit", body: "Un texte sans voix." });
    await second.openFollowUp(text.receipt);
    expect((await second.get("/suivi/audio.mp3")).status).toBe(404);
    const owner = new Visitor(t.url);
    await owner.openFollowUp(first.receipt);
    expect((await owner.get("/suivi/audio.mp3")).status).toBe(200);
    // No session, or a forged one: back to the receipt form.
    const stranger = new Visitor(t.url);
    const none = await stranger.get("/suivi/audio.mp3");
    expect(none.status).toBe(303);
    expect(none.headers.get("location")).toBe("/suivi");
    const forged = await stranger.get("/suivi/audio.mp3", { cookie: `ep_suivi=${row.id}.9999999999999.${"A".repeat(43)}` });
    expect(forged.status).toBe(303);
    const anonymous = await new Visitor(t.url).get(`/admin/contributions/${row.id}/audio.mp3`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toMatch(/^\/admin\/connexion\?retour=/);
    const author = new Browser(t.url);
    await author.signInDirectly(t, await createAccount(t, "author"));
    expect((await author.get(`/admin/contributions/${row.id}/audio.mp3`)).status).toBe(403);
    expect((await editor.get(`/admin/contributions/${row.id}/audio.mp3`)).status).toBe(200);
  }, 60_000);

  it("shows editors why a processing failed and what to do next, in their language, and a retry that works once", async () => {
    let row: Awaited<ReturnType<typeof submissionByTitle>> | null = null;
    let original: Buffer | null = null;
    // The background timer may take the job before the source is spoilt; then try again.
    for (let tries = 0; tries < 3 && !original; tries++) {
      await contributeAudio("voix.flac", { title: `Échec ${tries}` });
      row = await submissionByTitle(`Échec ${tries}`);
      if (!row.audio_source_key) continue;
      const source = row.audio_source_key;
      const bytes = (await t.deps.privateFiles.read(source)) as Buffer;
      await t.deps.privateFiles.write(source, Buffer.from("ceci n'est plus un enregistrement"));
      await settleJobs();
      const job = await t.deps.db.selectFrom("jobs").selectAll().where("subject", "=", `submission:${row.id}`).orderBy("id", "desc").executeTakeFirstOrThrow();
      if (job.state === "failed") original = bytes;
    }
    expect(original).not.toBeNull();
    const id = (row as { id: number }).id;
    const page = await editor.getText(`/admin/contributions/${id}`);
    expect(page.html).toMatch(/Le traitement a échoué après 1 essai\s: Ce fichier n'est pas un enregistrement audio reconnu\. Demandez à la personne un autre fichier, par un message depuis cette page\./);
    expect(page.html).toContain(`action="/admin/contributions/${id}/audio/relancer"`);
    const english = new Browser(t.url, { "accept-language": "en" });
    await english.signInDirectly(t, await createAccount(t, "editor"));
    const inEnglish = await english.getText(`/admin/contributions/${id}`);
    expect(inEnglish.html).toContain("Processing failed after 1 attempt: This file is not a recognised audio recording. Ask the person for another file, with a message from this page.");
    expect(inEnglish.html).not.toMatch(/enregistrement audio|ffprobe|Invalid data/);
    await t.deps.privateFiles.write((row as { audio_source_key: string }).audio_source_key, original as Buffer);
    const retry = await editor.submit(`/admin/contributions/${id}`, `/admin/contributions/${id}/audio/relancer`, {});
    expect(retry.status).toBe(303);
    await settleJobs();
    const after = await submissionByTitle((row as { title: string }).title);
    expect(after.audio_key).not.toBeNull();
    expect(after.audio_source_key).toBeNull();
    expect((await editor.get(`/admin/contributions/${id}/audio.mp3`)).status).toBe(200);
    // Retried again once done (a second click, another editor): nothing restarts, and the page says why.
    const again = await editor.submit(`/admin/contributions/${id}`, `/admin/contributions/${id}/audio/relancer`, {});
    expect(again.status).toBe(409);
    expect(await again.text()).toMatch(/Ce traitement n'a pas échoué\s: il est en attente, en cours ou terminé\. Rien n'a été relancé\./);
    const againInEnglish = await english.submit(`/admin/contributions/${id}`, `/admin/contributions/${id}/audio/relancer`, {});
    expect(againInEnglish.status).toBe(409);
    expect(await againInEnglish.text()).toContain("This processing has not failed: it is waiting, running or finished. Nothing was restarted.");
    // A written contribution has no processing to retry.
    await new Visitor(t.url).contribute({ ...AUDIO_FIELDS, format: "text", title: "Sans voix", body: "Un témoignage écrit, sans enregistrement." });
    const written = (await submissionByTitle("Sans voix")).id;
    const none = await english.submit(`/admin/contributions/${written}`, `/admin/contributions/${written}/audio/relancer`, {});
    expect(none.status).toBe(404);
    expect(await none.text()).toContain("There is no processing to retry for this contribution.");
  }, 120_000);

  it("becomes a podcast episode with the processed voice when an editor drafts the story, and the voice and the episode go when its author withdraws", async () => {
    const sent = await contributeAudio("voix.ogg", { title: "Ma voix devient un épisode" });
    await settleJobs();
    const row = await submissionByTitle("Ma voix devient un épisode");
    // The triage list tells a recording from a text.
    const list = (await editor.getText("/admin/contributions")).html;
    expect(list).toMatch(new RegExp(`href="/admin/contributions/${row.id}">Ma voix devient un épisode</a>\\s*<span class="badge">Audio</span>`));
    const res = await editor.submit(`/admin/contributions/${row.id}`, `/admin/contributions/${row.id}/brouillon`, {});
    expect(res.status).toBe(303);
    const storyId = Number(/\/admin\/temoignages\/(\d+)/.exec(res.headers.get("location") ?? "")?.[1]);
    const story = await t.deps.db.selectFrom("stories").select(["kind", "status"]).where("id", "=", storyId).executeTakeFirstOrThrow();
    expect(story).toEqual({ kind: "podcast", status: "draft" });
    const episode = await t.deps.db.selectFrom("episodes").selectAll().where("story_id", "=", storyId).executeTakeFirstOrThrow();
    const processed = (await t.deps.privateFiles.read(row.audio_key as string)) as Buffer;
    const episodeFile = episode.audio_key as string;
    expect(((await t.deps.files.read(episodeFile)) as Buffer).equals(processed)).toBe(true);
    expect(Number(episode.duration_ms)).toBe(Number(row.audio_duration_ms));

    await sent.visitor.openFollowUp(sent.receipt);
    expect((await sent.visitor.post("/suivi/retirer", "/suivi/retirer", {})).status).toBe(303);
    expect(await isStored(t.deps.files, episodeFile)).toBe(false);
    // The team's version of a withdrawn contribution is deleted with its episode.
    expect(await t.deps.db.selectFrom("episodes").select("guid").where("story_id", "=", storyId).executeTakeFirst()).toBeUndefined();
    expect(await t.deps.db.selectFrom("stories").select("id").where("id", "=", storyId).executeTakeFirst()).toBeUndefined();
  }, 120_000);

  it("deletes every audio file on withdrawal, on erasure and at the end of retention", async () => {
    const folderOf = (key: string | null) => (key ? path.posix.dirname(key) : null);
    const exists = (folder: string | null) => hasFilesUnder(t.deps.privateFiles, folder as string);
    const withdrawn = await contributeAudio("voix.ogg", { title: "À retirer" });
    const erased = await contributeAudio("voix.wav", { title: "À effacer", action: "draft" });
    const declined = await contributeAudio("voix.m4a", { title: "Non retenue" });
    await settleJobs();
    const rows = await Promise.all(["À retirer", "À effacer", "Non retenue"].map(submissionByTitle));
    const folders = rows.flatMap((r) => [folderOf(r.audio_key), folderOf(r.audio_source_key)]).filter((f): f is string => f !== null);
    expect(folders.length).toBe(4);
    for (const f of folders) expect(await exists(f), f).toBe(true);

    await withdrawn.visitor.openFollowUp(withdrawn.receipt);
    expect((await withdrawn.visitor.post("/suivi/retirer", "/suivi/retirer", {})).status).toBe(303);
    const afterWithdrawal = await submissionByTitle("À retirer");
    expect(afterWithdrawal.audio_key).toBeNull();
    expect(await exists(folderOf(rows[0]?.audio_key ?? null))).toBe(false);

    await erased.visitor.openFollowUp(erased.receipt);
    expect((await erased.visitor.post("/suivi/effacer", "/suivi/effacer", {})).status).toBe(200);
    expect(await exists(folderOf(rows[1]?.audio_key ?? null))).toBe(false);
    expect(await exists(folderOf(rows[1]?.audio_source_key ?? null))).toBe(false);
    expect(await t.deps.db.selectFrom("jobs").select("id").where("subject", "=", `submission:${rows[1]?.id}`).execute()).toEqual([]);

    const declinedId = rows[2]?.id as number;
    expect((await editor.submit(`/admin/contributions/${declinedId}`, `/admin/contributions/${declinedId}/etat`, { state: "declined" })).status).toBe(303);
    expect(await exists(folderOf(rows[2]?.audio_key ?? null))).toBe(true);
    clock.advance(91 * 24 * 60);
    await t.app.runScheduledTasks();
    expect(await t.deps.db.selectFrom("submissions").select("id").where("id", "=", declinedId).execute()).toEqual([]);
    expect(await exists(folderOf(rows[2]?.audio_key ?? null))).toBe(false);
    void declined;
  }, 120_000);

  it("deletes the original recording of a draft left untouched for 7 days, keeping its processed version", async () => {
    const { visitor, receipt } = await contributeAudio("voix.wav", { title: "Brouillon oublié", disguise: "light" });
    await settleJobs();
    const row = await submissionByTitle("Brouillon oublié");
    const source = row.audio_source_key as string;
    expect(await isStored(t.deps.privateFiles, source)).toBe(true);
    clock.advance(6 * 24 * 60);
    await t.app.runScheduledTasks();
    expect(await isStored(t.deps.privateFiles, source)).toBe(true);
    clock.advance(2 * 24 * 60);
    await t.app.runScheduledTasks();
    expect(await isStored(t.deps.privateFiles, source)).toBe(false);
    const after = await submissionByTitle("Brouillon oublié");
    expect(after.audio_source_key).toBeNull();
    expect(after.audio_key).toBe(row.audio_key);
    expect(await isStored(t.deps.privateFiles, row.audio_key as string)).toBe(true);
    // Another disguise needs the original: the author is told it is gone.
    await visitor.openFollowUp(receipt);
    const res = await visitor.post("/suivi/contribution", "/suivi/deguisement", { disguise: "strong" });
    const page = await (await visitor.get(res.headers.get("location") ?? "/suivi/contribution")).text();
    expect(page.replace(/&#39;/g, "'")).toContain("l'enregistrement d'origine n'est plus là");
  }, 120_000);
});
