import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/databases.js";
import { visibleText } from "../../test/support/raw-codes.js";
import { Browser, createAccount, startTestApp, type TestApp } from "../../test/support/test-app.js";

describe.each(DIALECTS)("fixed pages' back office on %s", (dialect) => {
  let t: TestApp;
  let english: Browser;
  let french: Browser;

  beforeAll(async () => {
    t = await startTestApp({ dialect, demo: true });
    english = new Browser(t.url, { "accept-language": "en" });
    await english.signInDirectly(t, await createAccount(t, "editor"));
    french = new Browser(t.url);
    await french.signInDirectly(t, await createAccount(t, "editor"));
  });
  afterAll(() => t.close());

  it("lists and edits the fixed pages in English, with English form errors and what was typed kept, for an editor who reads English", async () => {
    const list = (await english.getText("/admin/pages")).html;
    expect(list).toContain("<h1>Pages</h1>");
    expect(list).toMatch(/\d+ pages of the site/);
    expect(list).toContain(">Updated<");
    const id = /href="\/admin\/pages\/(\d+)"/.exec(list)?.[1] as string;
    const edit = (await english.getText(`/admin/pages/${id}`)).html;
    for (const words of ["Edit the page “", "Text (Markdown)", "Headings with ##", ">Save<", "All pages"]) expect(edit).toContain(words);
    const rejected = await english.submit(`/admin/pages/${id}`, `/admin/pages/${id}`, { title: "", summary: "Kept summary.", bodyMd: "" });
    const errors = await rejected.text();
    expect(rejected.status).toBe(422);
    expect(errors).toContain("Enter a title.");
    expect(errors).toContain("The page cannot be empty.");
    expect(errors).toContain("Kept summary.");
    expect(visibleText(errors)).not.toMatch(/Indiquez|Enregistrer|Toutes les pages|Résumé/);
  });

  it("keeps the same pages in French for an editor whose browser asks for nothing else", async () => {
    const list = (await french.getText("/admin/pages")).html;
    expect(list).toMatch(/\d+ pages du site/);
    const id = /href="\/admin\/pages\/(\d+)"/.exec(list)?.[1] as string;
    const rejected = await french.submit(`/admin/pages/${id}`, `/admin/pages/${id}`, { title: "", summary: "", bodyMd: "Un texte." });
    expect(await rejected.text()).toContain("Indiquez un titre.");
  });
});
