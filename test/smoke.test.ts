import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "./support/databases.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

describe.each(DIALECTS)("public site on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ dialect, demo: true });
  });
  afterAll(() => t.close());

  it("serves the home page with the demo's featured story and crisis link", async () => {
    const res = await fetch(`${t.url}/`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain("devenir médiatrice de santé pair");
    expect(html).toMatch(/class="crisis-link" href="\/aide"/);
  });
});
