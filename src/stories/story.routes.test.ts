import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/databases.js";
import { markContentChanged } from "../platform/cache/content-version.js";
import { formFields } from "../../test/support/forms.js";
import { Browser, createAccount, startTestApp, type TestApp } from "../../test/support/test-app.js";

const NNBSP = "\u202f";

describe.each(DIALECTS)("public testimonies on %s", (dialect) => {
  let t: TestApp;
  let editor: Browser;

  beforeAll(async () => {
    t = await startTestApp({ dialect, demo: true });
    editor = new Browser(t.url);
    await editor.signInDirectly(t, await createAccount(t, "editor"));
  });
  afterAll(() => t.close());

  const page = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(t.url + path, { headers, redirect: "manual" });
    return { res, html: await res.text() };
  };

  async function storyId(slug: string): Promise<number> {
    const row = await t.deps.db.selectFrom("stories").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
    return row.id;
  }

  it("lists every published testimony with its total and a French plural", async () => {
    const { html } = await page("/temoignages");
    expect(html).toContain(`33 témoignages`);
    expect(html.match(/class="card card-/g)?.length).toBe(12);
    expect(html).toContain('aria-label="Page 3"');
  });

  it("filters by kind, theme and series with plain query strings", async () => {
    expect((await page("/temoignages?format=podcast")).html).toContain("6 témoignages");
    const work = await page("/temoignages?theme=travail");
    expect(work.html).toContain("8 témoignages");
    const series = await page("/temoignages?serie=ils-et-elles-le-vivent");
    expect(series.html).toContain("4 témoignages");
    expect((await page("/temoignages?format=podcast&theme=travail")).html).toContain("0 témoignage");
    expect((await page("/temoignages?theme=inconnu")).html).toContain("0 témoignage");
    expect((await page("/temoignages?page=999")).res.status).toBe(200);
  });

  it("sends any other spelling of a listing's address to the canonical one, and keeps only real listings in the page cache", async () => {
    const moved: Record<string, string> = {
      "/temoignages?utm_source=reseau&format=podcast": "/temoignages?format=podcast",
      "/temoignages?serie=ils-et-elles-le-vivent&format=article": "/temoignages?format=article&serie=ils-et-elles-le-vivent",
      "/temoignages?format=&theme=&serie=&page=1": "/temoignages",
      "/themes/travail?theme=autre&page=2": "/themes/travail?page=2",
      "/temoignages/devenir-mediatrice-de-sante-pair?fbclid=abc": "/temoignages/devenir-mediatrice-de-sante-pair",
    };
    for (const [asked, canonical] of Object.entries(moved)) {
      const { res } = await page(asked);
      expect(res.status, asked).toBe(301);
      expect(res.headers.get("location"), asked).toBe(canonical);
    }
    expect((await page("/temoignages?format=podcast")).res.headers.get("cache-control")).toBe("no-cache");
    // Endless addresses are answered but never kept: they could otherwise push real pages out.
    for (const path of ["/temoignages?theme=inconnu", "/temoignages?serie=inconnue", "/temoignages?page=999", "/themes/travail?page=50"]) {
      const { res } = await page(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("cache-control"), path).toBe("no-store");
    }
  });

  it("shows a series in order with its navigation, from part 1 to part 2", async () => {
    const part1 = await page("/temoignages/travailler-avec-un-trouble-bipolaire-annoncer-ou-se-taire");
    expect(part1.html).toContain("Partie 1 sur 2 de la série");
    expect(part1.html).toMatch(/rel="next"[^>]*>|href="\/temoignages\/travailler-avec-un-trouble-bipolaire-amenager-son-poste" rel="next"/);
    const seriesPage = await page("/series/travailler-avec-un-trouble-bipolaire");
    const first = seriesPage.html.indexOf("annoncer ou se taire");
    const second = seriesPage.html.indexOf("aménager son poste");
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
  });

  it("puts the content notes before the story, with a way to go on reading", async () => {
    const { html } = await page("/temoignages/apres-ma-tentative-de-suicide-le-long-chemin");
    const notes = html.indexOf('class="content-notes"');
    expect(notes).toBeGreaterThan(0);
    expect(html.indexOf('id="recit"')).toBeGreaterThan(notes);
    expect(html).toContain('href="#recit"');
    expect(html).toContain("le suicide");
  });

  it("gives each voice of a collective story its own credit", async () => {
    const { html } = await page("/temoignages/dire-son-diagnostic-cinq-voix");
    expect(html.match(/class="voice"/g)?.length).toBe(5);
    expect(html).toContain("Mathilde, 27 ans");
    expect(html).toContain("Anonyme");
    expect(html).not.toContain("@voix");
  });

  it("describes a story for search engines and social networks, and applies French typography", async () => {
    const { html } = await page("/temoignages/dire-son-diagnostic-cinq-voix");
    expect(html).toContain('<link rel="canonical" href="http://127.0.0.1:3000/temoignages/dire-son-diagnostic-cinq-voix"/>');
    expect(html).toContain('<meta property="og:type" content="article"/>');
    const jsonLd = /<script type="application\/ld\+json">(.+?)<\/script>/.exec(html)?.[1] ?? "{}";
    expect(JSON.parse(jsonLd)).toMatchObject({ "@type": "Article", author: { name: "La rédaction" } });
    expect(html).toContain(`Dire son diagnostic${NNBSP}: cinq voix`);
  });

  it("never shows a contributor's stored name when the credit is anonymous", async () => {
    const id = await storyId("sexualite-traitement-et-silence");
    await t.deps.db.transaction().execute(async (tx) => {
      await tx.updateTable("stories").set({ credit_kind: "anonymous", credit_name: "Prénom Secret Réel" }).where("id", "=", id).execute();
      await markContentChanged(tx, new Date().toISOString());
    });
    for (const path of ["/temoignages/sexualite-traitement-et-silence", "/temoignages", "/flux.xml", "/"]) {
      expect((await page(path)).html).not.toContain("Prénom Secret Réel");
    }
    expect((await page("/temoignages/sexualite-traitement-et-silence")).html).toContain("Par Anonyme");
  });

  it("answers a renamed story's old address with a 301 to the new one, once the renamed version is published", async () => {
    const id = await storyId("des-routines-qui-tiennent");
    const form = await editor.getText(`/admin/temoignages/${id}`);
    expect(form.status).toBe(200);
    const res = await editor.submit(`/admin/temoignages/${id}`, `/admin/temoignages/${id}`, {
      ...formFields(form.html),
      slug: "des-routines-qui-tiennent-bon",
      action: "save",
    });
    expect(res.status).toBe(303);
    // A saved edit is the working copy: readers keep the published address until it is published.
    expect((await page("/temoignages/des-routines-qui-tiennent")).res.status).toBe(200);
    expect((await page("/temoignages/des-routines-qui-tiennent-bon")).res.status).toBe(404);
    expect((await editor.submit(`/admin/temoignages/${id}`, `/admin/temoignages/${id}/statut`, { action: "publish" })).status).toBe(303);
    const old = await page("/temoignages/des-routines-qui-tiennent");
    expect(old.res.status).toBe(301);
    expect(old.res.headers.get("location")).toBe("/temoignages/des-routines-qui-tiennent-bon");
    expect((await page("/temoignages/des-routines-qui-tiennent-bon")).res.status).toBe(200);
  });

  it("shows a published edit, an unpublication and a publication on every listing at the very next request, and a saved edit nowhere", async () => {
    const id = await storyId("un-samedi-au-gem");
    const where = ["/temoignages?theme=pair-aidance", "/themes/pair-aidance", "/sitemap.xml", "/flux.xml"];
    // Every page lists the story and is now in the cache: a stale copy would show if invalidation failed.
    for (const p of where) expect((await page(p)).html).toContain("un-samedi-au-gem");
    const form = await editor.getText(`/admin/temoignages/${id}`);
    await editor.submit(`/admin/temoignages/${id}`, `/admin/temoignages/${id}`, { ...formFields(form.html), title: "Un samedi au GEM, version revue", action: "save" });
    for (const p of [...where, "/temoignages/un-samedi-au-gem"]) expect((await page(p)).html).not.toContain("version revue");
    await editor.submit(`/admin/temoignages/${id}`, `/admin/temoignages/${id}/statut`, { action: "publish" });
    for (const p of where.filter((p) => p !== "/sitemap.xml")) expect((await page(p)).html).toContain("Un samedi au GEM, version revue");
    await editor.submit(`/admin/temoignages/${id}`, `/admin/temoignages/${id}/statut`, { action: "unpublish" });
    for (const p of where) expect((await page(p)).html).not.toContain("un-samedi-au-gem");
    expect((await page("/temoignages/un-samedi-au-gem")).res.status).toBe(404);
    expect((await page("/temoignages")).html).toContain("32 témoignages");
    await editor.submit(`/admin/temoignages/${id}`, `/admin/temoignages/${id}/statut`, { action: "publish" });
    for (const p of where) expect((await page(p)).html).toContain("un-samedi-au-gem");
    expect((await page("/temoignages")).html).toContain("33 témoignages");
  });

  it("answers 304 to a conditional request while nothing changed, and 200 after a change", async () => {
    const first = await page("/themes");
    const etag = first.res.headers.get("etag") as string;
    expect(etag).toMatch(/^W\/"/);
    expect(first.res.headers.get("last-modified")).toBeTruthy();
    expect((await page("/themes", { "if-none-match": etag })).res.status).toBe(304);
    const lastModified = first.res.headers.get("last-modified") as string;
    expect((await page("/themes", { "if-modified-since": lastModified })).res.status).toBe(304);
    const theme = await t.deps.db.selectFrom("themes").select("id").where("slug", "=", "travail").executeTakeFirstOrThrow();
    await editor.submit(`/admin/themes/${theme.id}`, `/admin/themes/${theme.id}`, { name: "Travail et emploi", slug: "travail", description: "Description revue.", position: "4" });
    const after = await page("/themes", { "if-none-match": etag });
    expect(after.res.status).toBe(200);
    expect(after.html).toContain("Description revue.");
    expect(after.res.headers.get("etag")).not.toBe(etag);
  });

  it("speaks English when the browser asks for it, and when the reader chooses it", async () => {
    expect((await page("/temoignages", { "accept-language": "en-GB,en;q=0.9" })).html).toContain("testimonies");
    const reader = new Browser(t.url);
    const res = await reader.get("/langue/en?retour=/temoignages");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/temoignages");
    const langCookie = res.headers.get("set-cookie") ?? "";
    expect(langCookie).toMatch(/^ep_lang=en;/);
    for (const attribute of ["Path=/", "SameSite=Lax", "HttpOnly", "Max-Age=31536000"]) expect(langCookie).toContain(attribute);
    const english = await reader.getText("/temoignages");
    expect(english.html).toContain('<html lang="en">');
    expect(english.html).toContain("Filter testimonies");
    expect((await reader.get("/langue/en?retour=https://ailleurs.example")).headers.get("location")).toBe("/");
  });

  it("gives the share box's copy button its texts in the reader's language", async () => {
    const path = "/temoignages/dire-son-diagnostic-cinq-voix";
    const field = (html: string) => /<input id="adresse-page"[^>]*>/.exec(html)?.[0] ?? "";
    const english = field((await page(path, { cookie: "ep_lang=en" })).html);
    expect(english).toContain('data-copy="Copy the address"');
    expect(english).toContain('data-copied="Address copied"');
    const french = field((await page(path)).html);
    expect(french).toMatch(/data-copy="Copier l['’]adresse"/);
    expect(french).toContain('data-copied="Adresse copiée"');
  });

  it("offers crisis help as the first link after the skip link on every page", async () => {
    for (const path of ["/", "/temoignages", "/aide", "/pages/a-propos", "/page-inexistante", "/admin/connexion"]) {
      const { html } = await page(path);
      const links = [...html.matchAll(/<a [^>]*href="([^"]+)"/g)].map((m) => m[1]);
      expect(links.slice(0, 2)).toEqual(["#contenu", "/aide"]);
    }
    const help = await page("/aide");
    for (const number of ["tel:3114", "tel:15", "tel:112", "sms:114", "tel:0972394050"]) expect(help.html).toContain(number);
  });

  it("sends strict security headers and no third-party address in any page", async () => {
    const { res, html } = await page("/temoignages/dire-son-diagnostic-cinq-voix");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    const sources = [...html.matchAll(/(?:src|href|srcset)="([^"]+)"/g)].map((m) => m[1] as string);
    const external = sources.filter((s) => /^(https?:)?\/\//.test(s) && !s.startsWith("http://127.0.0.1:3000"));
    expect(external).toEqual([]);
  });

  it("publishes a sitemap of every published story, robots rules and a valid RSS feed", async () => {
    const sitemap = (await page("/sitemap.xml")).html;
    const published = await t.deps.db.selectFrom("published_stories").select("slug").execute();
    expect(published.length).toBeGreaterThan(20);
    for (const s of published) expect(sitemap).toContain(`/temoignages/${s.slug}</loc>`);
    expect((await page("/robots.txt")).html).toContain("Disallow: /admin");
    const Parser = (await import("rss-parser")).default;
    const feed = await new Parser().parseString((await page("/flux.xml")).html);
    expect(feed.items.length).toBeGreaterThan(20);
    expect(feed.items[0]?.link).toMatch(/^http:\/\/127\.0\.0\.1:3000\/temoignages\//);
  });
});
