import fc from "fast-check";
import pt from "podcast-partytime";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeMp3 } from "../../test/support/audio.js";
import { DIALECTS } from "../../test/support/databases.js";
import { Browser, createAccount, startTestApp, type TestApp } from "../../test/support/test-app.js";
import { visibleText } from "../../test/support/raw-codes.js";
import { SAFETY_ITEMS } from "../safety/safe-messaging-checklist.js";
import { attachEpisodeAudio } from "./episode.service.js";
import { parseVtt } from "./webvtt.js";

const VTT = `WEBVTT

00:00.000 --> 00:03.000
<v Animatrice>Bonjour Nour, et merci d'être venu.

00:03.000 --> 00:06.500
<v Nour>Merci. Je vais raconter <i>comment</i> j'ai repris pied.

00:06.500 --> 00:08.000
<v Nour>Pas à pas.
`;

const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

const allMatches = (xml: string, re: RegExp) => [...xml.matchAll(re)].map((m) => m[1] as string);

describe.each(DIALECTS)("podcast episodes on %s", (dialect) => {
  let t: TestApp;
  let editor: Browser;
  let audio: { mp3: Buffer; durationMs: number };
  let storyId = 0;
  let slug = "";
  let guid = "";
  const deps = () => ({ db: t.deps.db, clock: t.deps.clock, files: t.deps.files });
  const text = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(t.url + path, { headers });
    return { res, body: await res.text() };
  };

  beforeAll(async () => {
    t = await startTestApp({ dialect, demo: true, env: { MAIL_FROM: "Entre Pairs <podcast@exemple.fr>" } });
    editor = new Browser(t.url);
    await editor.signInDirectly(t, await createAccount(t, "editor"));
    audio = await makeMp3(8);
    const res = await editor.submit("/admin/temoignages/nouveau", "/admin/temoignages", {
      title: "Reprendre pied",
      slug: "",
      kind: "podcast",
      format: "single",
      standfirst: "Nour raconte, au micro, comment il a repris pied après un deuil.",
      body: "Un épisode fictif pour les tests. Le 3114 répond jour et nuit.",
      creditKind: "first_name_age",
      creditName: "Nour",
      creditAge: "41",
      contentNotes: "bereavement",
      action: "save",
    });
    storyId = Number(/(\d+)\?/.exec(res.headers.get("location") ?? "")?.[1]);
    await editor.submit(`/admin/temoignages/${storyId}`, `/admin/temoignages/${storyId}/verification`, { items: SAFETY_ITEMS.map((i) => i.id) });
    slug = (await t.deps.db.selectFrom("stories").select("slug").where("id", "=", storyId).executeTakeFirstOrThrow()).slug;
  });
  afterAll(() => t.close());

  const publish = (id: number, action = "publish", publishAt = "") =>
    editor.submit(`/admin/temoignages/${id}`, `/admin/temoignages/${id}/statut`, { action, ...(publishAt ? { publishAt } : {}) });
  const episodeForm = (id: number, fields: Record<string, string>) => editor.submit(`/admin/temoignages/${id}/episode`, `/admin/temoignages/${id}/episode`, fields);

  it("links the episode page from the story editor, and refuses to publish or schedule an episode without audio and transcript", async () => {
    expect((await editor.getText(`/admin/temoignages/${storyId}`)).html).toContain(`href="/admin/temoignages/${storyId}/episode"`);
    const refused = await publish(storyId);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("Un épisode de podcast ne peut pas être publié sans son fichier audio ni sa transcription");
    const scheduled = await publish(storyId, "schedule", "2099-01-01T10:00");
    expect(scheduled.status).toBe(422);
    expect(await scheduled.text()).toContain("sans son fichier audio ni sa transcription");
  });

  it("shows the episode page, its form errors and the listening figures in English to an editor who reads English", async () => {
    const english = new Browser(t.url, { "accept-language": "en" });
    await english.signInDirectly(t, await createAccount(t, "editor"));
    const page = (await english.getText(`/admin/temoignages/${storyId}/episode`)).html;
    for (const words of ["Episode: “Reprendre pied”", "Story status: Draft.", '<h2 id="audio-titre">Audio file</h2>', "No audio file yet.", "Upload the audio file", "Save the episode", "Optional. 1 for the first season."]) {
      expect(page).toContain(words);
    }
    expect(page).toMatch(/\d+ MB and \d+ (hours|minutes) at most/);
    const rejected = await english.submit(`/admin/temoignages/${storyId}/episode`, `/admin/temoignages/${storyId}/episode`, { season: "deux", number: "", chapters: "", transcript: "" });
    const errors = await rejected.text();
    expect(rejected.status).toBe(422);
    expect(errors).toContain("The season is a whole number from 1 to 99.");
    expect(errors).toContain("Season");
    expect(visibleText(errors)).not.toMatch(/Enregistrer|Saison|Fichier audio|Brouillon/);
    const badLines = await english.submit(`/admin/temoignages/${storyId}/episode`, `/admin/temoignages/${storyId}/episode`, { season: "1", number: "", chapters: "00:00 Opening\n4:75 Wrong", transcript: "" });
    expect(badLines.status).toBe(422);
    const lineErrors = await badLines.text();
    expect(lineErrors).toContain("Line 2: seconds go from 00 to 59.");
    expect(visibleText(lineErrors)).not.toContain("Ligne");
    const badCues = await english.submit(`/admin/temoignages/${storyId}/episode`, `/admin/temoignages/${storyId}/episode`, { season: "1", number: "", chapters: "", transcript: "WEBVTT\n\n00:05.000 --> 00:04.000\nBackwards" });
    expect(badCues.status).toBe(422);
    const cueErrors = await badCues.text();
    expect(cueErrors).toContain("WebVTT, line 3: a cue must end after it starts.");
    expect(visibleText(cueErrors)).not.toMatch(/Ligne|sous-titre/);
    const figures = (await english.getText("/admin/podcasts")).html;
    expect(figures).toContain("<h1>Podcast listens</h1>");
    expect(figures).toContain("Last 30 days");
    expect(visibleText(figures)).not.toMatch(/Écoutes des podcasts|30 derniers jours/);
    expect((await english.getText(`/admin/podcasts/${storyId}`)).html).toContain("Listens of “Reprendre pied”");
  });

  it("shows the episode form with the audio state, and re-displays what was typed with French messages when it is wrong", async () => {
    const page = await editor.getText(`/admin/temoignages/${storyId}/episode`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("<h2 id=\"audio-titre\">Fichier audio</h2>");
    expect(page.html).toContain("Aucun fichier audio pour l'instant.");

    const badNumber = await episodeForm(storyId, { season: "deux", number: "", chapters: "00:00 Ouverture", transcript: "Bonjour." });
    expect(badNumber.status).toBe(422);
    const html1 = await badNumber.text();
    expect(html1).toContain("La saison est un nombre entier entre 1 et 99.");
    expect(html1).toContain('value="deux"');
    expect(html1).toContain("error-summary");

    const badLines = await episodeForm(storyId, { season: "1", number: "3", chapters: "00:00 Ouverture\n4:75 Mauvais", transcript: "WEBVTT\n\n00:05.000 --> 00:04.000\nÀ l'envers" });
    expect(badLines.status).toBe(422);
    const html2 = await badLines.text();
    expect(html2).toContain("Il y a 2 problèmes");
    // French typography from the catalogue: a narrow no-break space before the colon.
    expect(html2).toMatch(/Ligne 2\u202f: les secondes vont de 00 à 59\./);
    expect(html2).toMatch(/WebVTT\u202f: Ligne 3\u202f: la fin du sous-titre doit venir après son début\./);
    expect(html2).toContain("4:75 Mauvais");
    expect(html2).toContain("À l'envers");
    // Nothing was written by the rejected forms.
    expect(await t.deps.db.selectFrom("episodes").select("story_id").where("story_id", "=", storyId).execute()).toEqual([]);
  });

  it("saves the episode, still refuses to publish without audio, then publishes once the audio is attached", async () => {
    const saved = await episodeForm(storyId, { season: "1", number: "3", chapters: "00:00 Ouverture\n00:04 Pas à pas", transcript: VTT });
    expect(saved.status).toBe(303);
    const page = await editor.getText(`/admin/temoignages/${storyId}/episode`);
    expect(page.html).toContain("00:04 Pas à pas");
    expect(page.html).toContain('value="3"');
    const refused = await publish(storyId);
    expect(refused.status).toBe(422);
    const message = await refused.text();
    expect(message).toContain("sans son fichier audio\u202f:");
    expect(message).not.toContain("transcription :");

    const episode = await attachEpisodeAudio(deps(), storyId, audio.mp3, audio.durationMs);
    guid = episode.guid;
    expect(episode.audioKey).toMatch(/^audio\/[a-f0-9]{24}\.mp3$/);
    expect((await editor.getText(`/admin/temoignages/${storyId}/episode`)).html).toMatch(/Fichier en place\u202f: durée 00:0[78]/);
    // The checklist was signed before the episode had its sound and transcript: they are part of the version.
    const unsigned = await publish(storyId);
    expect(unsigned.status).toBe(422);
    expect(await unsigned.text()).toContain("signer la liste de vérification pour cette version");
    await editor.submit(`/admin/temoignages/${storyId}`, `/admin/temoignages/${storyId}/verification`, { items: SAFETY_ITEMS.map((i) => i.id) });
    expect((await publish(storyId)).status).toBe(303);
  });

  it("renders the episode page: native player, chapters, transcript cues with speakers and starts, downloads, feeds", async () => {
    const { body: html, res } = await text(`/temoignages/${slug}`);
    expect(res.status).toBe(200);
    const key = (await t.deps.db.selectFrom("episodes").select("audio_key").where("story_id", "=", storyId).executeTakeFirstOrThrow()).audio_key;
    expect(html).toContain(`<audio controls preload="metadata" src="/${`media/${key}`}">`);
    expect(html).toMatch(/<p class="cue" data-start="3" data-end="6.5"><span class="cue-time">00:03<\/span> <strong class="cue-speaker">Nour : <\/strong>Merci. Je vais raconter comment j’ai repris pied.<\/p>|<p class="cue" data-start="3" data-end="6.5"><span class="cue-time">00:03<\/span> <strong class="cue-speaker">Nour : <\/strong>Merci. Je vais raconter comment j'ai repris pied.<\/p>/);
    // The speaker is named when it changes, not on each cue.
    expect(html.match(/cue-speaker">Nour/g)?.length).toBe(1);
    expect(html).toContain('<li data-start="4"><span class="chapter-time">00:04</span> <span class="chapter-title">Pas à pas</span></li>');
    for (const href of [`/temoignages/${slug}/transcription.vtt`, `/temoignages/${slug}/transcription.txt`, `/temoignages/${slug}/chapitres.json`, "/podcast.xml"]) expect(html).toContain(`href="${href}"`);
    expect(html).toMatch(/<script type="module" src="\/assets\/podcast-player\.js\?v=[^"]+"/);
    expect(html).toContain('<link rel="alternate" type="application/rss+xml" title="Podcast Entre Pairs (tous les épisodes)" href="/podcast.xml"');
    expect(html).not.toContain("pas encore en ligne");
    expect(html).not.toMatch(/<script>|style="/);
  });

  it("serves the transcript as WebVTT and plain text, and the chapters as Podcasting 2.0 JSON", async () => {
    const vtt = await text(`/temoignages/${slug}/transcription.vtt`);
    expect(vtt.res.headers.get("content-type")).toContain("text/vtt");
    expect(parseVtt(vtt.body).cues.map((c) => c.speaker)).toEqual(["Animatrice", "Nour", "Nour"]);
    const txt = await text(`/temoignages/${slug}/transcription.txt`);
    expect(txt.res.headers.get("content-type")).toContain("text/plain");
    expect(txt.body).toContain("Nour : Merci. Je vais raconter comment j'ai repris pied. Pas à pas.");
    const json = await text(`/temoignages/${slug}/chapitres.json`);
    expect(JSON.parse(json.body)).toMatchObject({ version: "1.2.0", chapters: [{ startTime: 0, title: "Ouverture" }, { startTime: 4, title: "Pas à pas" }] });
  });

  it("serves the audio with byte ranges, HEAD, a year of caching, and 416 past the end", async () => {
    const key = (await t.deps.db.selectFrom("episodes").select("audio_key").where("story_id", "=", storyId).executeTakeFirstOrThrow()).audio_key as string;
    const url = `${t.url}/media/${key}`;
    const size = audio.mp3.length;
    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("accept-ranges")).toBe("bytes");
    expect(whole.headers.get("content-type")).toBe("audio/mpeg");
    expect(whole.headers.get("content-length")).toBe(String(size));
    expect(whole.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(Buffer.from(await whole.arrayBuffer()).equals(audio.mp3)).toBe(true);

    const head = await fetch(url, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(size));
    expect((await head.arrayBuffer()).byteLength).toBe(0);

    const cases: Array<[string, number, number]> = [
      ["bytes=0-99", 0, 99],
      ["bytes=100-", 100, size - 1],
      ["bytes=-10", size - 10, size - 1],
      [`bytes=${size - 5}-${size + 500}`, size - 5, size - 1],
    ];
    for (const [range, start, end] of cases) {
      const res = await fetch(url, { headers: { range } });
      expect(res.status, range).toBe(206);
      expect(res.headers.get("content-range")).toBe(`bytes ${start}-${end}/${size}`);
      expect(res.headers.get("content-length")).toBe(String(end - start + 1));
      expect(Buffer.from(await res.arrayBuffer()).equals(audio.mp3.subarray(start, end + 1))).toBe(true);
    }
    for (const range of [`bytes=${size}-`, `bytes=${size + 10}-${size + 20}`, "bytes=-0"]) {
      const res = await fetch(url, { headers: { range } });
      expect(res.status, range).toBe(416);
      expect(res.headers.get("content-range")).toBe(`bytes */${size}`);
      expect(res.headers.get("content-length")).toBe("0");
      await res.arrayBuffer();
    }

    await fc.assert(
      fc.asyncProperty(fc.nat({ max: size - 1 }), fc.nat({ max: size + 100 }), async (start, length) => {
        const res = await fetch(url, { headers: { range: `bytes=${start}-${start + length}` } });
        const body = Buffer.from(await res.arrayBuffer());
        expect(res.status).toBe(206);
        expect(body.equals(audio.mp3.subarray(start, Math.min(size, start + length + 1)))).toBe(true);
      }),
      { numRuns: 30 },
    );

    expect((await fetch(`${t.url}/media/audio/${"0".repeat(24)}.mp3`)).status).toBe(404);
    expect((await fetch(`${t.url}/media/audio/..%2F..%2Fsecret.mp3`)).status).toBe(404);
  });

  it("publishes feeds that a third-party parser reads and that follow Apple's and Podcasting 2.0's rules", async () => {
    // The demo series: audio for both parts, numbered against their order in the series.
    const parts = await t.deps.db.selectFrom("stories").select(["id", "slug", "series_position"]).where("slug", "like", "parentalite-%").orderBy("series_position").execute();
    expect(parts).toHaveLength(2);
    const short = await makeMp3(5, 330);
    for (const [i, part] of parts.entries()) {
      await attachEpisodeAudio(deps(), part.id, short.mp3, short.durationMs);
      expect((await episodeForm(part.id, { season: "1", number: String(2 - i), chapters: "", transcript: `Transcription de la partie ${i + 1}.\n\nDeuxième paragraphe.` })).status).toBe(303);
      // The new sound and transcript reach listeners once this version is published.
      await editor.submit(`/admin/temoignages/${part.id}`, `/admin/temoignages/${part.id}/verification`, { items: SAFETY_ITEMS.map((item) => item.id) });
      expect((await publish(part.id)).status).toBe(303);
    }

    const { body: xml, res } = await text("/podcast.xml");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/rss+xml");
    const feed = pt.parseFeed(xml);
    expect(feed).not.toBeNull();
    if (!feed) return;
    expect(feed.title).toBe("Entre Pairs – le podcast");
    expect(feed.language).toBe("fr");
    expect(feed.itunesType).toBe("episodic");
    expect(feed.owner).toEqual({ name: "Entre Pairs", email: "podcast@exemple.fr" });
    expect(feed.locked).toBe(true);
    expect(feed.podcastOwner).toBe("podcast@exemple.fr");
    expect(feed.guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Newest first: this test's episode, then the demo's six (each with its spoken audio).
    expect(feed.items.map((i) => i.title)).toEqual(["Reprendre pied", ...Array.from({ length: 6 }, () => expect.any(String))]);
    const ours = feed.items[0];
    expect(ours?.guid).toBe(guid);
    expect(ours?.duration).toBe(Math.round(audio.durationMs / 1000));
    expect(ours?.enclosure).toMatchObject({ length: audio.mp3.length, type: "audio/mpeg" });
    expect(ours?.podcastTranscripts?.map((tr) => tr.type).sort()).toEqual(["text/plain", "text/vtt"]);
    expect(ours?.podcastChapters?.url).toBe(`http://127.0.0.1:3000/temoignages/${slug}/chapitres.json`);
    expect(ours?.podcastPeople?.map((p) => [p.role.toLowerCase(), p.name])).toEqual([
      ["guest", "Nour, 41 ans"],
      ["host", "L'équipe Entre Pairs"],
    ]);
    expect(ours?.itunesEpisode).toBe(3);
    expect(ours?.itunesSeason).toBe(1);

    // The raw XML, rule by rule.
    expect(xml).toContain('xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"');
    expect(xml).toContain('xmlns:podcast="https://podcastindex.org/namespace/1.0"');
    expect(xml).toContain('<itunes:category text="Health &amp; Fitness"><itunes:category text="Mental Health"/></itunes:category>');
    expect(xml).toMatch(/<channel>[\s\S]*<itunes:explicit>false<\/itunes:explicit>[\s\S]*<item>/);
    expect(xml).toContain("<itunes:author>Entre Pairs</itunes:author>");
    expect(xml).toMatch(/<itunes:summary>[^<]+<\/itunes:summary>/);
    expect(xml).toContain('<podcast:locked owner="podcast@exemple.fr">yes</podcast:locked>');
    expect(xml).toMatch(/<podcast:license url="[^"]+">[^<]+<\/podcast:license>/);
    expect(xml).toContain(`<guid isPermaLink="false">${guid}</guid>`);
    expect(xml).toContain(`<podcast:transcript url="http://127.0.0.1:3000/temoignages/${slug}/transcription.vtt" type="text/vtt" language="fr" rel="captions"/>`);
    expect(xml).toContain('type="application/json+chapters"');
    expect(xml).toContain("<itunes:episodeType>full</itunes:episodeType>");
    expect(xml).toContain("<podcast:season>1</podcast:season><podcast:episode>3</podcast:episode>");
    for (const date of allMatches(xml, /<pubDate>([^<]+)<\/pubDate>/g)) expect(date).toMatch(RFC822);
    const descriptions = allMatches(xml, /<description>([^<]*)<\/description>/g);
    expect(descriptions[1]).toMatch(/^Avertissement : le deuil\.\n\nNour raconte/);
    const guids = allMatches(xml, /<guid isPermaLink="false">([^<]+)<\/guid>/g);
    expect(new Set(guids).size).toBe(7);
    const dbGuids = (await t.deps.db.selectFrom("episodes").select("guid").execute()).map((r) => r.guid);
    for (const g of guids) expect(dbGuids).toContain(g);
    const dates = allMatches(xml, /<pubDate>([^<]+)<\/pubDate>/g).map((d) => Date.parse(d));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));

    // Artwork: square, 1400–3000 px, JPEG, at an address that never changes meaning.
    const imageUrl = /<itunes:image href="([^"]+)"\/>/.exec(xml)?.[1] as string;
    expect(xml).toContain(`<image><url>${imageUrl}</url>`);
    const image = await fetch(imageUrl.replace("http://127.0.0.1:3000", t.url));
    expect(image.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const meta = await sharp(Buffer.from(await image.arrayBuffer())).metadata();
    expect(meta.format).toBe("jpeg");
    expect(meta.width).toBe(meta.height);
    expect(meta.width).toBeGreaterThanOrEqual(1400);
    expect(meta.width).toBeLessThanOrEqual(3000);
    expect(meta.space).toBe("srgb");

    // Each enclosure: its length is the served size, and a range request gives its bytes.
    for (const item of feed.items) {
      const local = item.enclosure.url.replace("http://127.0.0.1:3000", t.url);
      const headRes = await fetch(local, { method: "HEAD" });
      expect(Number(headRes.headers.get("content-length"))).toBe(item.enclosure.length);
      const part = await fetch(local, { headers: { range: "bytes=0-1023" } });
      expect(part.status).toBe(206);
      const bytes = Buffer.from(await part.arrayBuffer());
      expect(bytes.length).toBe(1024);
      const stored = await t.deps.db.selectFrom("episodes").select("audio_key").where("guid", "=", item.guid).executeTakeFirstOrThrow();
      const expected = (await t.deps.files.read(stored.audio_key as string)) as Buffer;
      expect(expected.length).toBe(item.enclosure.length);
      expect(bytes.equals(expected.subarray(0, 1024))).toBe(true);
    }

    // The series feed: serial, in episode-number order.
    const series = await text("/series/parentalite-le-podcast/podcast.xml");
    expect(series.res.status).toBe(200);
    const seriesFeed = pt.parseFeed(series.body);
    expect(seriesFeed?.itunesType).toBe("serial");
    expect(seriesFeed?.items.map((i) => i.itunesEpisode)).toEqual([1, 2]);
    expect(seriesFeed?.items[0]?.link).toContain(parts[1]?.slug as string);
    expect(seriesFeed?.guid).not.toBe(feed.guid);
    expect((await fetch(`${t.url}/series/inconnue/podcast.xml`)).status).toBe(404);

    // Pages point podcast apps at the feeds.
    expect((await text("/")).body).toContain('type="application/rss+xml" title="Podcast Entre Pairs (tous les épisodes)" href="/podcast.xml"');
    expect((await text(`/temoignages/${parts[0]?.slug}`)).body).toContain('href="/series/parentalite-le-podcast/podcast.xml"');
  });

  it("drops a withdrawn episode from the feeds and its audio at the next request, and never reuses its guid", async () => {
    const key = (await t.deps.db.selectFrom("episodes").select("audio_key").where("story_id", "=", storyId).executeTakeFirstOrThrow()).audio_key as string;
    expect((await text("/podcast.xml")).body).toContain(guid);
    expect((await publish(storyId, "unpublish")).status).toBe(303);
    expect((await text("/podcast.xml")).body).not.toContain(guid);
    expect((await fetch(`${t.url}/media/${key}`)).status).toBe(404);
    expect((await fetch(`${t.url}/temoignages/${slug}/transcription.txt`)).status).toBe(404);

    const created = await editor.submit("/admin/temoignages/nouveau", "/admin/temoignages", {
      title: "Un autre épisode",
      kind: "podcast",
      format: "single",
      standfirst: "Un deuxième épisode fictif.",
      body: "Texte.",
      creditKind: "anonymous",
      action: "save",
    });
    const otherId = Number(/(\d+)\?/.exec(created.headers.get("location") ?? "")?.[1]);
    const other = await attachEpisodeAudio(deps(), otherId, audio.mp3, audio.durationMs);
    expect(other.guid).not.toBe(guid);
    expect(other.audioKey).not.toBe(key);
    // The first episode kept its guid while withdrawn.
    expect((await t.deps.db.selectFrom("episodes").select("guid").where("story_id", "=", storyId).executeTakeFirstOrThrow()).guid).toBe(guid);
  });

  it("keeps the episode form to editors", async () => {
    const author = new Browser(t.url);
    await author.signInDirectly(t, await createAccount(t, "author"));
    expect((await author.get(`/admin/temoignages/${storyId}/episode`)).status).toBe(403);
    expect((await editor.get("/admin/temoignages/999999/episode")).status).toBe(404);
    const article = await t.deps.db.selectFrom("stories").select("id").where("kind", "=", "article").executeTakeFirstOrThrow();
    expect((await editor.get(`/admin/temoignages/${article.id}/episode`)).status).toBe(404);
  });
});
