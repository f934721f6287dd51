import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Browser, createAccount, startTestApp, type TestApp } from "./support/test-app.js";

// Two app instances on one PostgreSQL database, as behind a load balancer (see multi-instance.test.ts).
describe("site settings on several app instances", () => {
  let a: TestApp;
  let b: TestApp;
  let admin: Browser;
  const text = async (t: TestApp, path: string) => (await fetch(t.url + path)).text();

  beforeAll(async () => {
    a = await startTestApp({ dialect: "postgres", demo: true });
    b = await startTestApp({ dialect: "postgres", restartFrom: { dataDir: a.dataDir, databaseUrl: a.databaseUrl } });
    admin = new Browser(a.url);
    await admin.signInDirectly(a, await createAccount(a, "admin"));
    await vi.waitFor(() => expect(b.deps.contentVersion.known()).not.toBeNull());
  }, 240_000);
  afterAll(async () => {
    await b.close(true);
    await a.close();
  });

  it("shows a rename made on one instance on the other at its next request, cached pages included", async () => {
    // B has the home page and a story page in its page cache, under the old name.
    expect(await text(b, "/")).toContain("<title>Entre Pairs – ");
    expect(await text(b, "/temoignages")).toContain("– Entre Pairs</title>");
    const res = await admin.submit("/admin/reglages", "/admin/reglages", { name: "Autre Rive", tagline: "Récits partagés", accentColour: "#1f4e5f" });
    expect(res.status).toBe(303);
    const token = (await a.deps.db.selectFrom("content_version").select("token").executeTakeFirstOrThrow()).token;
    // The notification reaches B as the commit happens; waited for so a loaded machine cannot make the test lie.
    await vi.waitFor(() => expect(b.deps.contentVersion.known()?.token).toBe(token));
    expect(await text(b, "/")).toContain("<title>Autre Rive – Récits partagés</title>");
    const listing = await text(b, "/temoignages");
    expect(listing).toContain("– Autre Rive</title>");
    expect(listing).not.toContain("Entre Pairs</title>");
    const revision = /\/reglages\.css\?v=([^"]+)"/.exec(listing)?.[1];
    expect(await text(b, `/reglages.css?v=${revision}`)).toContain("--accent: #1f4e5f;");
  });
});
