import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/databases.js";
import { formFields } from "../../test/support/forms.js";
import { contribute, submissionIdByTitle } from "../../test/support/participation.js";
import { Browser, createAccount, startTestApp, type TestApp } from "../../test/support/test-app.js";

const decode = (html: string) =>
  html.replace(/&#x27;|&#39;|&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** The consent text as the contribution form shows it, above the consent box. */
function shownConsent(html: string): string {
  const block = /<div class="callout consent-text">.*?<p(?: lang="[^"]*")?>([^<]*)<\/p>\s*<\/div>/s.exec(html);
  if (!block) throw new Error("texte de consentement introuvable");
  return decode(block[1] as string);
}

/**
 * What a contributor agrees to is recorded word for word as it was shown: the form names the site
 * as its settings name it now, and a consent given before a rename keeps the words it was given on.
 */
describe.each(DIALECTS)("the consent text recorded with a contribution on %s", (dialect) => {
  let t: TestApp;
  let admin: Browser;

  beforeAll(async () => {
    t = await startTestApp({ dialect, demo: true });
    admin = new Browser(t.url);
    await admin.signInDirectly(t, await createAccount(t, "admin"));
  });
  afterAll(() => t.close());

  const recordedConsent = async (title: string) => {
    const id = await submissionIdByTitle(t, title);
    const row = await t.deps.db
      .selectFrom("consent_events")
      .innerJoin("consent_texts", "consent_texts.id", "consent_events.consent_text_id")
      .select("consent_texts.body_md")
      .where("consent_events.submission_id", "=", id)
      .where("consent_events.event", "=", "given")
      .executeTakeFirstOrThrow();
    return row.body_md;
  };

  it("records exactly the text shown, with the site's new name after a rename, and leaves consents given before as they were", async () => {
    const before = new Browser(t.url);
    const shownBefore = shownConsent((await before.getText("/temoigner")).html);
    expect(shownBefore).toContain("Entre Pairs");
    await contribute(before, { title: "Avant le changement de nom", body: "Un texte écrit avant." });
    expect(await recordedConsent("Avant le changement de nom")).toBe(shownBefore);

    const form = formFields((await admin.getText("/admin/reglages")).html);
    expect((await admin.submit("/admin/reglages", "/admin/reglages", { ...form, name: "Voix Croisées" })).status).toBe(303);

    const after = new Browser(t.url);
    const shownAfter = shownConsent((await after.getText("/temoigner")).html);
    expect(shownAfter).toContain("que Voix Croisées conserve mon texte");
    expect(shownAfter).not.toContain("Entre Pairs");
    await contribute(after, { title: "Après le changement de nom", body: "Un texte écrit après." });
    expect(await recordedConsent("Après le changement de nom")).toBe(shownAfter);
    // Evidence is not rewritten: the first consent still reads as it was given.
    expect(await recordedConsent("Avant le changement de nom")).toBe(shownBefore);
  });
});
