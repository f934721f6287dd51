import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { LISTENER_APPLICATION_NAME } from "../src/platform/cache/content-version.js";
import { Browser, createAccount, startTestApp, type TestApp } from "./support/test-app.js";

// Two app instances on one PostgreSQL database, as an operator runs them behind a load balancer.
const DEAF_MS = 3_000;
describe("several app instances on PostgreSQL", () => {
  let a: TestApp;
  let b: TestApp;
  let editor: Browser;

  const text = async (t: TestApp, path: string) => (await fetch(t.url + path)).text();
  const storyId = async (slug: string) => (await a.deps.db.selectFrom("stories").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
  const setStatus = async (slug: string, action: "publish" | "unpublish") => {
    const id = await storyId(slug);
    const res = await editor.submit(`/admin/temoignages/${id}`, `/admin/temoignages/${id}/statut`, { action });
    expect(res.status).toBe(303);
  };
  const rowToken = async () => (await sql<{ token: string }>`select token from content_version where id = 1`.execute(a.deps.db)).rows[0]?.token;
  /** What instance B knows of the content version, without asking the database. */
  const knownByB = () => b.deps.contentVersion.known()?.token;

  beforeAll(async () => {
    a = await startTestApp({ dialect: "postgres", demo: true });
    // B waits 3 s before listening again once cut off (100 ms in production), so that what the second
    // test does while B cannot hear happens while B cannot hear, on a loaded machine too.
    b = await startTestApp({ dialect: "postgres", restartFrom: { dataDir: a.dataDir, databaseUrl: a.databaseUrl }, contentVersionRetryMs: DEAF_MS });
    editor = new Browser(a.url);
    await editor.signInDirectly(a, await createAccount(a, "editor"));
    await vi.waitFor(() => expect(knownByB()).toBeDefined());
  });
  afterAll(async () => {
    await b.close(true);
    await a.close();
  });

  it("shows a story unpublished through one instance as gone on the other, told by a notification instead of a query per request", async () => {
    // Instance B caches the listing and the theme page.
    expect(await text(b, "/themes/ecriture")).toContain("du-carnet-a-l-atelier-d-ecriture");
    expect(await text(b, "/temoignages")).toContain("33 témoignages");
    const before = knownByB();
    await setStatus("du-carnet-a-l-atelier-d-ecriture", "unpublish");
    // The notification reaches B as the commit happens: well before the next request in practice,
    // waited for here so that a loaded machine cannot make the test lie either way.
    await vi.waitFor(async () => expect(knownByB()).toBe(await rowToken()));
    expect(knownByB()).not.toBe(before);
    expect(await text(b, "/themes/ecriture")).not.toContain("du-carnet-a-l-atelier-d-ecriture");
    expect(await text(b, "/temoignages")).toContain("32 témoignages");
    expect((await fetch(`${b.url}/temoignages/du-carnet-a-l-atelier-d-ecriture`)).status).toBe(404);
  });

  it("reads the version on each request while it cannot hear the others, and again once it hears them", async () => {
    expect(await text(b, "/temoignages")).toContain("32 témoignages");
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${LISTENER_APPLICATION_NAME} and datname = current_database()`.execute(a.deps.db);
    // B notices at once (the server says why it closes the connection) and says so in its log.
    await vi.waitFor(() => expect(b.logs.join("")).toContain("écoute interrompue"));
    const cutAt = Date.now();
    // Published through A while B cannot be told: B's next request still shows it.
    await setStatus("du-carnet-a-l-atelier-d-ecriture", "publish");
    expect(await text(b, "/temoignages")).toContain("33 témoignages");
    expect((await fetch(`${b.url}/temoignages/du-carnet-a-l-atelier-d-ecriture`)).status).toBe(200);
    // The step above proves something only if B was still deaf throughout.
    expect(knownByB()).toBeUndefined();
    expect(Date.now() - cutAt).toBeLessThan(DEAF_MS);
    // Listening again, B has read the version once and needs no query per request.
    await vi.waitFor(async () => expect(knownByB()).toBe(await rowToken()), { timeout: DEAF_MS + 5_000 });
    expect(await text(b, "/temoignages")).toContain("33 témoignages");
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
