import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, createAccount, startTestApp, type TestApp } from "./support/test-app.js";

// Two app instances on one PostgreSQL database, as an operator runs them behind a load balancer.
describe("several app instances on PostgreSQL", () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await startTestApp({ dialect: "postgres", demo: true });
    b = await startTestApp({ dialect: "postgres", restartFrom: { dataDir: a.dataDir, databaseUrl: a.databaseUrl } });
  });
  afterAll(async () => {
    await b.close(true);
    await a.close();
  });

  it("shows a story unpublished through one instance as gone on the other at the very next request", async () => {
    const text = async (t: TestApp, path: string) => (await fetch(t.url + path)).text();
    // Instance B caches the listing and the theme page.
    expect(await text(b, "/themes/ecriture")).toContain("du-carnet-a-l-atelier-d-ecriture");
    expect(await text(b, "/temoignages")).toContain("33 témoignages");
    const editor = new Browser(a.url);
    await editor.signInDirectly(a, await createAccount(a, "editor"));
    const story = await a.deps.db.selectFrom("stories").select("id").where("slug", "=", "du-carnet-a-l-atelier-d-ecriture").executeTakeFirstOrThrow();
    const res = await editor.submit(`/admin/temoignages/${story.id}`, `/admin/temoignages/${story.id}/statut`, { action: "unpublish" });
    expect(res.status).toBe(303);
    expect(await text(b, "/themes/ecriture")).not.toContain("du-carnet-a-l-atelier-d-ecriture");
    expect(await text(b, "/temoignages")).toContain("32 témoignages");
    expect((await fetch(`${b.url}/temoignages/du-carnet-a-l-atelier-d-ecriture`)).status).toBe(404);
  });

  it("shares the CSRF secret, so a form shown by one instance can be posted to the other", async () => {
    const email = await createAccount(a, "editor");
    const browser = new Browser(a.url);
    await browser.signInDirectly(a, email);
    const { html } = await browser.getText("/admin/themes");
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] as string;
    const onB = new Browser(b.url);
    onB.useCookiesOf(browser);
    const res = await onB.post("/admin/themes", { _csrf: token, name: "Thème partagé", slug: "", description: "", position: "99" });
    expect(res.status).toBe(303);
  });
});
