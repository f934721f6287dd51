import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../../test/support/clock.js";
import { DIALECTS } from "../../../test/support/databases.js";
import {
  approvePendingVersion,
  changeStoryStatus,
  contribute,
  openFollowUp,
  prepareAndSendForApproval,
  submissionIdByTitle,
} from "../../../test/support/participation.js";
import { Browser, createAccount, startTestApp, type TestApp } from "../../../test/support/test-app.js";
import { saveCall } from "./call.service.js";

describe.each(DIALECTS)("stories published from a call on %s", (dialect) => {
  let t: TestApp;
  let editor: Browser;
  const clock = manualClock("2026-11-25T10:00:00.000Z");
  const slug = "retrouver-le-sommeil";
  const published: Array<{ title: string; contributor: Browser; storyId: number }> = [];

  beforeAll(async () => {
    t = await startTestApp({ dialect, clock });
    editor = new Browser(t.url);
    await editor.signInDirectly(t, await createAccount(t, "editor"));
    const saved = await saveCall(t.deps, null, {
      slug,
      title: "Retrouver le sommeil",
      themeId: null,
      introMd: "Racontez comment vous avez retrouvé le sommeil.",
      questionsMd: "",
      safetyNoticeMd: "",
      opensAt: "2026-11-01T09:00:00.000Z",
      closesAt: "2026-12-31T18:00:00.000Z",
      formats: ["text"],
      creditOptions: ["pseudonym", "anonymous"],
      consentText: "Consentement de l'appel sur le sommeil.",
    });
    expect(saved.ok).toBe(true);
  });
  afterAll(() => t.close());

  const page = async (path: string) => (await fetch(t.url + path)).text();

  /** A contribution to the call, taken through approval and publication. */
  async function publishFromCall(title: string) {
    const contributor = new Browser(t.url);
    const { receipt } = await contribute(contributor, { title, body: `Texte fictif : ${title}.`, appel: slug }, `/temoigner?appel=${slug}`);
    await openFollowUp(contributor, receipt);
    const storyId = await prepareAndSendForApproval(editor, await submissionIdByTitle(t, title), `Chapô de ${title}.`);
    await approvePendingVersion(contributor);
    expect((await changeStoryStatus(editor, storyId, { action: "publish" })).status).toBe(303);
    published.push({ title, contributor, storyId });
  }

  it("shows no listing and a count of none while nothing from the call is published", async () => {
    const contributor = new Browser(t.url);
    await contribute(contributor, { title: "Jamais publié", body: "Un texte qui reste en lecture.", appel: slug }, `/temoigner?appel=${slug}`);
    const html = await page(`/appels/${slug}`);
    expect(html).not.toContain("Publiés à partir de cet appel");
    expect(await page("/appels")).toContain("Aucun témoignage publié pour l'instant");
  });

  it("lists the published stories newest first, as cards, and counts them on /appels", async () => {
    await publishFromCall("Les nuits de janvier");
    clock.advance(10);
    await publishFromCall("Une lampe et un carnet");
    const html = await page(`/appels/${slug}`);
    expect(html).toContain("Publiés à partir de cet appel");
    const list = html.slice(html.indexOf("Publiés à partir de cet appel"));
    expect(list).toContain('class="card card-article"');
    const first = list.indexOf("Une lampe et un carnet");
    const second = list.indexOf("Les nuits de janvier");
    expect(first).toBeGreaterThan(-1);
    expect(second).toBeGreaterThan(first);
    expect(list).not.toContain("Jamais publié");
    expect(await page("/appels")).toContain("2 témoignages publiés");
  });

  it("drops a withdrawn story from the call's list and count at the next request", async () => {
    // Warm every cache that could hold the list.
    expect(await page(`/appels/${slug}`)).toContain("Les nuits de janvier");
    expect(await page("/")).toContain("Retrouver le sommeil");
    const withdrawn = published[0] as (typeof published)[number];
    expect((await withdrawn.contributor.submit("/suivi/retirer", "/suivi/retirer", {})).status).toBe(303);
    const html = await page(`/appels/${slug}`);
    expect(html).not.toContain("Les nuits de janvier");
    expect(html).toContain("Une lampe et un carnet");
    expect(await page("/appels")).toContain("1 témoignage publié");
  });

  it("drops an unpublished story too, and shows the list in English with the French titles marked", async () => {
    const english = await (await fetch(`${t.url}/appels/${slug}`, { headers: { "accept-language": "en" } })).text();
    expect(english).toContain("Published from this call");
    expect(english).toMatch(/<ul class="cards">[\s\S]*?<article class="card card-article" lang="fr">/);
    expect(await (await fetch(`${t.url}/appels`, { headers: { "accept-language": "en" } })).text()).toContain("1 story published");
    const last = published[1] as (typeof published)[number];
    expect((await changeStoryStatus(editor, last.storyId, { action: "unpublish" })).status).toBe(303);
    const html = await page(`/appels/${slug}`);
    expect(html).not.toContain("Publiés à partir de cet appel");
    expect(await page("/appels")).toContain("Aucun témoignage publié pour l'instant");
  });
});
