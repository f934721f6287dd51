import MarkdownIt from "markdown-it";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { MARKDOWN_CHUNK_CHARS } from "../src/platform/html/markdown.js";
import { manualClock } from "./support/clock.js";
import { DIALECTS } from "./support/databases.js";
import { formFields } from "./support/forms.js";
import { changeStoryStatus, contribute, openFollowUp, prepareAndSendForApproval, submissionIdByTitle } from "./support/participation.js";
import { Browser, createAccount, startTestApp, type TestApp } from "./support/test-app.js";

// Every heading level a writer could reach for, in order.
const HEADINGS = "# Un titre de premier niveau\n\nTexte.\n\n## Deuxième niveau\n\n### Troisième\n\nTitre souligné\n===\n\nFin.";

const h1Count = (html: string) => (html.match(/<h1[\s>]/g) ?? []).length;
const levels = (html: string) => [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));

/** Heading levels never jump more than one level down: the text's headings sit below the page's. */
function outlineHolds(html: string): boolean {
  const found = levels(html);
  return found[0] === 1 && found.every((level, i) => i === 0 || level <= (found[i - 1] as number) + 1);
}

describe.each(DIALECTS)("contributors' and editors' text on real pages on %s", (dialect) => {
  let t: TestApp;
  let editor: Browser;
  const clock = manualClock("2026-11-25T10:00:00.000Z");

  beforeAll(async () => {
    t = await startTestApp({ dialect, demo: true, clock });
    editor = new Browser(t.url);
    await editor.signInDirectly(t, await createAccount(t, "editor"));
  });
  afterAll(() => t.close());
  afterEach(() => vi.restoreAllMocks());

  it("keeps exactly one h1 on every page that shows a text with headings, and the headings below the page's", async () => {
    const person = new Browser(t.url);
    const title = `Titres partout ${dialect}`;
    const sent = await contribute(person, { title, body: HEADINGS, creditKind: "pseudonym", creditName: "Ronce" });
    await openFollowUp(person, sent.receipt);
    const id = await submissionIdByTitle(t, title);
    const pages: Record<string, string> = {};
    pages.followUp = (await person.getText("/suivi/contribution")).html;
    pages.triage = (await editor.getText(`/admin/contributions/${id}`)).html;
    // A version waiting for approval is shown as the public page will be, one heading level down.
    const storyId = await prepareAndSendForApproval(editor, id, "Un chapô.");
    pages.approval = (await person.getText("/suivi/version")).html;
    expect(pages.approval).toContain('name="versionId"');
    const form = formFields((await editor.getText(`/admin/temoignages/${storyId}`)).html);
    pages.preview = await (await editor.follow(await editor.submit(`/admin/temoignages/${storyId}`, `/admin/temoignages/${storyId}`, { ...form, action: "preview" }))).text();
    expect(pages.preview).toContain("Aperçu — non publié");

    const story = await editor.submit("/admin/temoignages/nouveau", "/admin/temoignages", {
      ...form,
      title: `Une histoire à titres ${dialect}`,
      slug: `histoire-a-titres-${dialect}`,
      body: HEADINGS,
      action: "save",
    });
    const newId = Number(/\/admin\/temoignages\/(\d+)/.exec(story.headers.get("location") ?? "")?.[1]);
    expect((await changeStoryStatus(editor, newId, { action: "publish" })).status).toBe(303);
    pages.story = (await new Browser(t.url).getText(`/temoignages/histoire-a-titres-${dialect}`)).html;

    const call = await editor.submit("/admin/appels", "/admin/appels", {
      title: `Appel à titres ${dialect}`,
      slug: `appel-a-titres-${dialect}`,
      themeId: "",
      introMd: HEADINGS,
      questionsMd: HEADINGS,
      safetyNoticeMd: HEADINGS,
      opensAt: "2026-11-20T09:00",
      closesAt: "2026-12-01T18:00",
      formats: ["text"],
      creditOptions: ["anonymous"],
      consentText: "Consentement.",
    });
    expect(call.status).toBe(303);
    pages.call = (await new Browser(t.url).getText(`/appels/appel-a-titres-${dialect}`)).html;

    const page = await t.deps.db.selectFrom("pages").select(["id", "slug", "title"]).where("slug", "=", "a-propos").executeTakeFirstOrThrow();
    expect((await editor.submit(`/admin/pages/${page.id}`, `/admin/pages/${page.id}`, { title: page.title, summary: "", bodyMd: HEADINGS })).status).toBe(303);
    pages.about = (await new Browser(t.url).getText("/pages/a-propos")).html;

    for (const [name, html] of Object.entries(pages)) {
      expect(html, name).toContain("Un titre de premier niveau");
      expect(h1Count(html), name).toBe(1);
      expect(outlineHolds(html), `${name}: ${levels(html).join(" ")}`).toBe(true);
    }
  });

  it("renders a contribution's text once, however often it is viewed on the follow-up page and in triage", async () => {
    const person = new Browser(t.url);
    const title = `Relu souvent ${dialect}`;
    const marker = `marqueur-${dialect}-${Date.now()}`;
    const sent = await contribute(person, { title, body: `## Un texte\n\nrelu *souvent* : ${marker}.` });
    await openFollowUp(person, sent.receipt);
    const id = await submissionIdByTitle(t, title);
    const parse = vi.spyOn(MarkdownIt.prototype, "parse");
    for (let i = 0; i < 3; i++) {
      expect((await person.getText("/suivi/contribution")).html).toContain(marker);
      expect((await editor.getText(`/admin/contributions/${id}`)).html).toContain(marker);
    }
    expect(parse.mock.calls.filter(([source]) => String(source).includes(marker))).toHaveLength(1);
  });

  it("refuses a preview of a text too long to save with the form's message, and previews a hostile text at its longest within bounds", async () => {
    const { html } = await editor.getText("/admin/temoignages/nouveau");
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] as string;
    const tooLong = await editor.post("/admin/apercu", { _csrf: csrf, body: "a".repeat(200_001) });
    expect(tooLong.status).toBe(422);
    expect(await tooLong.text()).toContain("Le texte est trop long (200 000 caractères au plus).");

    const parse = vi.spyOn(MarkdownIt.prototype, "parse");
    const hostile = await editor.post("/admin/apercu", { _csrf: csrf, body: `${dialect}\n\n${"_[".repeat(99_990)}` });
    expect(hostile.status).toBe(200);
    expect((await hostile.text()).endsWith("_[_[</p>\n")).toBe(true);
    // 200,000 characters are 25 pieces; the step budget stops markdown-it within the first few.
    expect(parse.mock.calls.length).toBeLessThanOrEqual(3);
    for (const [source] of parse.mock.calls) expect(String(source).length).toBeLessThanOrEqual(MARKDOWN_CHUNK_CHARS);
  });
});
