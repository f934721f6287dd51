import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { contributorMail, editorMail } from "../src/submissions/contribution-mail.js";
import { siteIdentity } from "../src/settings/site-identity.js";
import { lastJobId, queuedMail } from "./support/mail-queue.js";
import { contribute, personAt } from "./support/participation.js";
import { Browser, createAccount, startTestApp, type TestApp } from "./support/test-app.js";

const OLD = "Entre Pairs";
const NEW = "Voix Croisées";
const TAGLINE = "Des récits de rétablissement, par celles et ceux qui les vivent";

// Pages found by following the links of the site from these, as a reader would.
const START = ["/", "/aide", "/lettre", "/contact", "/temoigner", "/appels", "/recherche?q=voix", "/suivi", "/temoignages?format=podcast"];
const SKIP = /^\/(admin|media|assets|langue|podcast\/pochette)|\.(mp3|vtt|txt|xml|atom|json|css)$|\/flux\.|[?&]page=[3-9]/;
const MAX_PAGES = 150;

type Frame = { path: string; title: string; siteName: string; header: string; footer: string; head: string; ogTitle: string; twitterCard: string };

const attr = (html: string, pattern: RegExp) => pattern.exec(html)?.[1] ?? "";

/** The parts of a page that are the site's frame, not what editors wrote (their titles and summaries are taken out of the head). */
function frameOf(path: string, html: string): Frame {
  const head = attr(html, /<head>([\s\S]*?)<\/head>/);
  const title = attr(head, /<title>([^<]*)<\/title>/);
  const frameHead = head
    .replace(/<title>[^<]*<\/title>/, "")
    .replace(/<meta (?:name|property)="(?:description|og:description|og:title)" content="[^"]*"\s*\/?>/g, "")
    .replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/g, "");
  return {
    path,
    title,
    siteName: attr(head, /<meta property="og:site_name" content="([^"]*)"/),
    ogTitle: attr(head, /<meta property="og:title" content="([^"]*)"/),
    twitterCard: attr(head, /<meta name="twitter:card" content="([^"]*)"/),
    header: attr(html, /<header class="site-header"[^>]*>([\s\S]*?)<\/header>/),
    footer: attr(html, /<footer class="site-footer"[^>]*>([\s\S]*?)<\/footer>/),
    head: frameHead,
  };
}

async function crawl(reader: Browser): Promise<Frame[]> {
  const seen = new Set<string>(START);
  const queue = [...START];
  const frames: Frame[] = [];
  while (queue.length > 0 && frames.length < MAX_PAGES) {
    const path = queue.shift() as string;
    const res = await reader.get(path);
    if (res.status !== 200 || !(res.headers.get("content-type") ?? "").startsWith("text/html")) {
      await res.arrayBuffer();
      continue;
    }
    const html = await res.text();
    frames.push(frameOf(path, html));
    for (const [, href] of html.matchAll(/href="(\/[^"#]*)"/g)) {
      const link = (href as string).replace(/&amp;/g, "&");
      if (!seen.has(link) && !SKIP.test(link)) {
        seen.add(link);
        queue.push(link);
      }
    }
  }
  return frames;
}

/** What each frame says about the site, where the old name must not be (the part of the title after the page's own). */
function brandTexts(frame: Frame): string[] {
  const titleEnd = frame.path === "/" ? frame.title : (frame.title.split(" – ").at(-1) ?? "");
  return [titleEnd, frame.siteName, frame.header, frame.footer, frame.head];
}

const FEEDS = ["/flux.xml", "/flux.atom", "/flux.json", "/podcast.xml", "/themes/soins/flux.xml", "/series/entendre-des-voix/podcast.xml", "/series/entendre-des-voix/flux.atom"];

/** A feed's channel: everything before its first item. */
function channelOf(body: string): string {
  if (body.trimStart().startsWith("{")) {
    const { items: _items, ...channel } = JSON.parse(body) as Record<string, unknown>;
    return JSON.stringify(channel);
  }
  return body.split(/<item>|<entry>/)[0] as string;
}

describe("renaming the site in /admin/reglages", () => {
  let t: TestApp;
  let admin: Browser;
  let adminEmail = "";
  let before: { frames: Frame[]; channels: string[]; lastJob: number };

  beforeAll(async () => {
    t = await startTestApp({ dialect: "sqlite", demo: true, env: { TRUST_PROXY: "on" } });
    adminEmail = await createAccount(t, "admin");
    admin = new Browser(t.url);
    await admin.signInDirectly(t, adminEmail);
    const reader = new Browser(t.url);
    // Also fills the page cache, which the rename must empty.
    const frames = await crawl(reader);
    const channels = await Promise.all(FEEDS.map(async (f) => channelOf(await (await reader.get(f)).text())));
    const lastJob = await lastJobId(t.deps.db);
    before = { frames, channels, lastJob };
  }, 240_000);
  afterAll(() => t.close());

  it("shows the demo's name in the frame before the rename, so the checks below can fail", () => {
    expect(before.frames.length).toBeGreaterThan(40);
    for (const frame of before.frames) expect(brandTexts(frame).join("\n")).toContain(OLD);
    for (const channel of before.channels) expect(channel).toContain(OLD);
  });

  it("leaves no old name in the frame of any public page, any feed channel or any mail", async () => {
    const saved = await admin.submit("/admin/reglages", "/admin/reglages", {
      name: NEW,
      tagline: TAGLINE,
      contactEmail: "bonjour@voix.example",
      legalEntity: "Collectif Voix Croisées",
      legalHost: "Hébergeur Exemple, 1 rue de l'Exemple, Paris",
      socialLinks: "https://mastodon.example/@voix",
      accentColour: "#1f5e3a",
    });
    expect(saved.status).toBe(303);

    const frames = await crawl(new Browser(t.url));
    expect(frames.length).toBeGreaterThan(40);
    for (const frame of frames) {
      for (const text of brandTexts(frame)) expect(text, `${frame.path}`).not.toContain(OLD);
      expect(frame.siteName, frame.path).toBe(NEW);
      expect(frame.header, frame.path).toContain(NEW);
      expect(frame.footer, frame.path).toContain('href="https://mastodon.example/@voix"');
    }
    const home = frames.find((f) => f.path === "/") as Frame;
    expect(home.title).toBe(`${NEW} – ${TAGLINE}`);
    expect(home.ogTitle).toBe(`${NEW} – ${TAGLINE}`);

    const legal = await (await fetch(`${t.url}/pages/mentions-legales`)).text();
    expect(legal).toContain("<dd>Collectif Voix Croisées</dd>");
    expect(legal).toContain("<dd>Hébergeur Exemple, 1 rue de l'Exemple, Paris</dd>");
    expect(legal).toContain('href="mailto:bonjour@voix.example"');

    for (const feed of FEEDS) {
      const channel = channelOf(await (await fetch(`${t.url}${feed}`)).text());
      expect(channel, feed).not.toContain(OLD);
      expect(channel, feed).toContain(NEW);
    }

    // Mail sent after the rename: a newsletter confirmation, a new contribution for the editors, a password reset.
    const reader = personAt(t.url);
    expect((await reader.submit("/lettre", "/lettre", { email: "lectrice@exemple.fr" })).status).toBe(303);
    const sent = await contribute(personAt(t.url), { title: "Après le changement de nom", body: "Un texte assez long pour être accepté par le formulaire de contribution.", email: "autrice@exemple.fr" });
    expect(sent.receipt).not.toBe("");
    await new Browser(t.url).submit("/admin/mot-de-passe-oublie", "/admin/mot-de-passe-oublie", { email: adminEmail });
    const mails = await vi.waitFor(async () => {
      const rows = await queuedMail(t.deps.db, { afterId: before.lastJob });
      if (!rows.some((r) => r.subject.includes("mot de passe"))) throw new Error("lien de mot de passe pas encore écrit");
      return rows;
    });
    expect(mails.length).toBeGreaterThanOrEqual(3);
    for (const mail of mails) {
      expect(`${mail.subject}\n${mail.body}\n${mail.html ?? ""}`).not.toContain(OLD);
      expect(mail.subject).toContain(NEW);
    }

    // Every contribution mail, with the name the settings give.
    const site = await siteIdentity(t.deps.db);
    const notices = ["reading", "awaiting_approval", "message", "scheduled", "published", "declined"] as const;
    const editorNotices = ["approved", "anonymised", "withdrawn", "erased"] as const;
    const templates = (["fr", "en"] as const).flatMap((locale) => [
      ...notices.map((n) => contributorMail(site, t.url, { email: "a@exemple.fr", locale }, n)),
      ...editorNotices.map((n) => editorMail(site, t.url, { email: "e@exemple.fr", locale }, 1, n)),
    ]);
    for (const mail of templates) {
      expect(`${mail.subject}\n${mail.text}`).not.toContain(OLD);
      expect(mail.subject).toContain(NEW);
    }
  }, 240_000);

  it("gives the home page the default share image and the header the logo, stripped of metadata, and refuses SVG", async () => {
    const homeBefore = frameOf("/", await (await fetch(`${t.url}/`)).text());
    expect(homeBefore.twitterCard).toBe("summary");
    expect(homeBefore.head).not.toContain("og:image");
    const png = await sharp({ create: { width: 1200, height: 630, channels: 3, background: "#1f5e3a" } })
      .png()
      .withExif({ IFD0: { Artist: "Personne Secrète", ImageDescription: "pris chez moi" } })
      .toBuffer();
    expect((await sharp(png).metadata()).exif).toBeDefined();
    const sent = await admin.postMultipart("/admin/reglages", "/admin/reglages/image", { usage: "share" }, { field: "image", bytes: png, name: "partage.png", type: "image/png" });
    expect(sent.status).toBe(303);
    const home = await (await fetch(`${t.url}/`)).text();
    const image = /<meta property="og:image" content="([^"]+)"/.exec(home)?.[1] as string;
    expect(image).toMatch(/^http:\/\/127\.0\.0\.1:3000\/media\/images\/[a-f0-9]{24}\/\d+\.jpeg$/);
    expect(home).toContain('<meta name="twitter:card" content="summary_large_image"/>');
    const served = Buffer.from(await (await fetch(`${t.url}${new URL(image).pathname}`)).arrayBuffer());
    expect((await sharp(served).metadata()).exif).toBeUndefined();
    expect(served.includes(Buffer.from("Personne Secrète"))).toBe(false);

    const logo = await admin.postMultipart("/admin/reglages", "/admin/reglages/image", { usage: "logo" }, { field: "image", bytes: png, name: "logo.png", type: "image/png" });
    expect(logo.status).toBe(303);
    expect(await (await fetch(`${t.url}/temoignages`)).text()).toMatch(/<img class="brand-logo" src="\/media\/images\/[a-f0-9]{24}\/\d+\.webp" alt(="")?\/>/);

    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const refused = await admin.postMultipart("/admin/reglages", "/admin/reglages/image", { usage: "logo" }, { field: "image", bytes: svg, name: "logo.svg", type: "image/svg+xml" });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("Les images SVG sont refusées");
  });
});
