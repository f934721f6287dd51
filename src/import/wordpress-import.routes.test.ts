import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/databases.js";
import { Browser, createAccount, startTestApp, type TestApp } from "../../test/support/test-app.js";
import { finishedImportRun } from "../../test/support/wordpress.js";

// French typography puts narrow and non-breaking spaces before colons and inside guillemets.
const plain = (html: string) => html.replace(/[\u00a0\u202f]/g, " ").replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"');

describe.each(DIALECTS)("an import's page on %s", (dialect) => {
  let t: TestApp;
  let admin: Browser;
  let runId: number;

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    admin = new Browser(t.url);
    await admin.signInDirectly(t, await createAccount(t, "admin"));
    runId = await finishedImportRun(t, admin);
  });
  afterAll(() => t.close());

  it("says the report in English to an administrator who reads English: counts with plurals, skipped items and warnings", async () => {
    const res = await admin.get(`/admin/import/${runId}`, { cookie: `${admin.cookieHeader()}; ep_lang=en` });
    const html = plain(await res.text());
    expect(res.status).toBe(200);
    expect(html).toMatch(/<h1>Import of [^<]+<\/h1>/);
    expect(html).toContain("State: <strong>done</strong>, finished on ");
    expect(html).toContain('<h2 id="rapport">Report</h2>');
    for (const line of [
      "Import finished.",
      "Stories: 1 published, 0 scheduled, 0 in review, 0 drafts.",
      "0 pages, 0 themes, 0 tags kept, 1 author credited.",
      "0 images in the media library, 0 podcast episodes.",
      "0 comments are not imported: Entre Pairs has no public comments.",
      "1 item is not imported:",
      "  - #115 “Old post thrown away”: In WordPress's trash: not imported.",
      "2 warnings:",
      "  - #22 “Lost picture”: Image missing from the uploaded files: 2026/04/lost.jpg",
      "  - #100 “A shared garden downstairs”: Form [contact-form-7] removed: it only works in WordPress (Entre Pairs' contact form replaces it).",
    ])
      expect(html).toContain(line);
    expect(html).toContain('What needs your attention (episodes without a transcript, stories to review) is listed on the <a href="/admin">dashboard</a>.');
    expect(html).toContain("Back to imports");
    expect(html).not.toMatch(/Rapport<|Import terminé|Témoignages|avertissement|Retour aux imports|État/);
  });

  it("keeps the report in French for the others, as the command line says it", async () => {
    const html = plain(await (await admin.get(`/admin/import/${runId}`, { "accept-language": "fr-FR" })).text());
    for (const line of [
      "Import terminé.",
      "Témoignages : 1 publié, 0 programmé, 0 en relecture, 0 brouillon.",
      "1 élément n'est pas importé :",
      "  - n° 115 « Old post thrown away » : Dans la corbeille de WordPress : non importé.",
      "2 avertissements :",
      "  - n° 22 « Lost picture » : Image absente des fichiers envoyés : 2026/04/lost.jpg",
    ])
      expect(html).toContain(line);
    expect(html).toContain("État : <strong>terminé</strong>");
    expect(html).toContain("Retour aux imports");
  });

  it("shows a run stored before reports held codes with its French text as it was, and an unexpected failure in the reader's language", async () => {
    const stored = await t.deps.db.selectFrom("wordpress_imports").selectAll().where("id", "=", runId).executeTakeFirstOrThrow();
    const report = JSON.parse(stored.report ?? "{}");
    const old = {
      ...report,
      skipped: [{ wordpressId: 7, title: "Ancien", reason: "Dans la corbeille de WordPress : non importé." }],
      warnings: [{ wordpressId: null, title: null, message: "Un avertissement d'avant." }],
    };
    const { id: _id, ...row } = stored;
    const oldRun = await t.deps.db.insertInto("wordpress_imports").values({ ...row, report: JSON.stringify(old) }).returning("id").executeTakeFirstOrThrow();
    const html = plain(await (await admin.get(`/admin/import/${oldRun.id}`, { cookie: `${admin.cookieHeader()}; ep_lang=en` })).text());
    expect(html).toContain("  - #7 “Ancien”: Dans la corbeille de WordPress : non importé.");
    expect(html).toContain("1 warning:\n  - Un avertissement d'avant.");

    const failed = await t.deps.db.insertInto("wordpress_imports").values({ ...row, state: "failed", report: null, error: null }).returning("id").executeTakeFirstOrThrow();
    const failure = plain(await (await admin.get(`/admin/import/${failed.id}`, { cookie: `${admin.cookieHeader()}; ep_lang=en` })).text());
    expect(failure).toContain('<p class="callout error">Unexpected failure.</p>');
    expect(failure).toContain("State: <strong>failed</strong>");
  });
});
