import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/databases.js";
import { formFields } from "../../test/support/forms.js";
import { Browser, createAccount, startTestApp, type TestApp } from "../../test/support/test-app.js";
import { importFixture, makeUploads } from "../../test/support/wordpress.js";
import { insertLegacyAddress } from "./legacy-address.store.js";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-wp-routes-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe.each(DIALECTS)("old addresses of an imported site on %s", (dialect) => {
  let t: TestApp;
  let jardinImage = "";

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    await importFixture(t, await makeUploads(path.join(work, dialect)));
    const story = await t.deps.db.selectFrom("published_stories").select("cover_image_id").where("slug", "=", "un-jardin-partage").executeTakeFirstOrThrow();
    const image = await t.deps.db.selectFrom("images").select(["storage_key", "widths"]).where("id", "=", story.cover_image_id as number).executeTakeFirstOrThrow();
    jardinImage = `/media/${image.storage_key}/${image.widths.split(",").at(-1)}.jpeg`;
  }, 180_000);
  afterAll(() => t.close());

  const location = async (address: string) => {
    const res = await fetch(t.url + address, { redirect: "manual" });
    await res.body?.cancel();
    return { status: res.status, location: res.headers.get("location") };
  };

  it("answers every WordPress address form with a 301 to its new address", async () => {
    const expected: Record<string, string> = {
      "/un-jardin-partage/": "/temoignages/un-jardin-partage",
      "/2026/03/15/un-jardin-partage/": "/temoignages/un-jardin-partage",
      "/2026/03/un-jardin-partage/": "/temoignages/un-jardin-partage",
      "/?p=100": "/temoignages/un-jardin-partage",
      // Tracking parameters go first (the page cache's canonical address), then the old form answers.
      "/?p=105&utm_source=lettre": "/?p=105",
      "/?p=105": "/temoignages/le-groupe-du-lundi",
      "/index.php/2026/02/01/le-local-associatif/": "/temoignages/le-local-associatif",
      "/UN-JARDIN-PARTAGE": "/temoignages/un-jardin-partage",
      "/qui-sommes-nous/": "/pages/qui-sommes-nous",
      "/?page_id=200": "/pages/qui-sommes-nous",
      "/category/vie-quotidienne/": "/themes/vie-quotidienne",
      "/tag/entraide/": "/mots-cles/entraide",
      "/tag/serie-reprendre-pied/": "/series/reprendre-pied",
      "/author/mistral/": "/temoignages",
      "/?author=2": "/temoignages",
      "/feed/": "/flux.xml",
      "/?feed=rss2": "/flux.xml",
      "/feed/podcast/": "/podcast.xml",
      "/wp-content/uploads/2026/03/jardin.jpg": jardinImage,
      "/wp-content/uploads/2026/03/jardin-300x200.jpg": jardinImage,
      "/?attachment_id=20": jardinImage,
    };
    const actual: Record<string, { status: number; location: string | null }> = {};
    for (const address of Object.keys(expected)) actual[address] = await location(address);
    expect(actual).toEqual(Object.fromEntries(Object.entries(expected).map(([a, l]) => [a, { status: 301, location: l }])));
    // Every target answers.
    for (const target of new Set(Object.values(expected))) expect((await fetch(t.url + target)).status, target).toBe(200);
  });

  it("follows a story to its current address when it was renamed here", async () => {
    const editor = new Browser(t.url);
    await editor.signInDirectly(t, await createAccount(t, "editor"));
    const story = await t.deps.db.selectFrom("stories").select("id").where("slug", "=", "reprendre-le-travail-1").executeTakeFirstOrThrow();
    const fields = formFields((await editor.getText(`/admin/temoignages/${story.id}`)).html);
    const saved = await editor.submit(`/admin/temoignages/${story.id}`, `/admin/temoignages/${story.id}`, { ...fields, slug: "reprendre-le-travail-premiere-partie", action: "save" });
    expect(saved.status).toBe(303);
    expect((await editor.submit(`/admin/temoignages/${story.id}`, `/admin/temoignages/${story.id}/statut`, { action: "publish" })).status).toBe(303);
    expect(await location("/reprendre-le-travail-1/")).toEqual({ status: 301, location: "/temoignages/reprendre-le-travail-premiere-partie" });
  });

  it("shows a clear page, not a 404, for an episode public before that waits for its transcript, until it is published", async () => {
    const res = await fetch(`${t.url}/2025/10/12/la-marche-du-jeudi/`, { redirect: "manual" });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("86400");
    const html = (await res.text()).replace(/[\u00a0\u202f]/g, " ");
    expect(html).toContain("« Reprendre pied : la marche du jeudi » revient bientôt");
    expect(html).not.toContain("Un épisode enregistré en marchant");
    // A draft was never public: its old query address leads home, as any unknown one.
    expect(await location("/?p=110")).toEqual({ status: 301, location: "/" });
    expect((await location("/un-article-qui-n-a-jamais-existe/")).status).toBe(404);
    // Once an editor adds the transcript and publishes, the old address leads to the episode.
    const editor = new Browser(t.url);
    await editor.signInDirectly(t, await createAccount(t, "editor"));
    const story = await t.deps.db.selectFrom("stories").select("id").where("slug", "=", "la-marche-du-jeudi").executeTakeFirstOrThrow();
    const page = `/admin/temoignages/${story.id}/episode`;
    expect((await editor.submit(page, page, { season: "", number: "", chapters: "", transcript: "On marche, on parle, on respire." })).status).toBe(303);
    expect((await editor.submit(`/admin/temoignages/${story.id}`, `/admin/temoignages/${story.id}/statut`, { action: "publish" })).status).toBe(303);
    expect(await location("/2025/10/12/la-marche-du-jeudi/")).toEqual({ status: 301, location: "/temoignages/la-marche-du-jeudi" });
    const item = await t.deps.db.selectFrom("wordpress_items").select("awaiting").where("target_id", "=", story.id).where("wp_type", "=", "post").executeTakeFirstOrThrow();
    expect(item.awaiting).toBeNull();
  });

  it("answers WordPress's query forms on the home of a blog in a folder (/blog/?p=12), as at the root", async () => {
    // The fixed address an import of a blog in a folder writes (https://site.example/blog).
    await insertLegacyAddress(t.deps.db, "entre-voisins.example", "/blog", { kind: "fixed", id: null, path: "/" }, new Date().toISOString());
    expect(await location("/blog/?p=100")).toEqual({ status: 301, location: "/temoignages/un-jardin-partage" });
    expect(await location("/blog/?page_id=200")).toEqual({ status: 301, location: "/pages/qui-sommes-nous" });
    expect(await location("/blog/")).toEqual({ status: 301, location: "/" });
    expect(await location("/blog/?p=99999")).toEqual({ status: 301, location: "/" });
  });

  it("leaves the home page and its own query strings alone", async () => {
    expect((await fetch(`${t.url}/?p=99999`)).status).toBe(200);
    expect((await fetch(`${t.url}/?page=2`)).status).toBe(200);
  });

  it("lists a keyword's published stories only", async () => {
    const html = (await (await fetch(`${t.url}/mots-cles/entraide`)).text()).replace(/[\u00a0\u202f]/g, " ");
    expect(html).toContain("Mot-clé : Entraide");
    expect(html).toContain("Un jardin partagé");
    expect((await fetch(`${t.url}/mots-cles/inconnu`)).status).toBe(404);
  });
});
