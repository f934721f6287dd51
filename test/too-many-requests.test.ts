import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/test-app.js";

// A rate limit's refusal is an error page like the others: in the reader's language, never a
// French line of plain text sent to everyone.
describe("a request over a rate limit", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ dialect: "sqlite" });
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (language: string) =>
    fetch(`${t.url}/contact`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "accept-language": language }, body: "subject=x" });

  it("gets the error page in French, or in English for an English reader, status 429", async () => {
    // The contact form takes 10 posts per client in 10 minutes.
    for (let i = 0; i < 10; i++) expect((await post("fr")).status).not.toBe(429);
    const french = await post("fr");
    expect(french.status).toBe(429);
    expect(french.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const frenchPage = await french.text();
    expect(frenchPage).toContain('<html lang="fr"');
    expect(frenchPage).toMatch(/<h1>Trop de tentatives<\/h1>/);
    const english = await post("en");
    expect(english.status).toBe(429);
    const englishPage = await english.text();
    expect(englishPage).toContain('<html lang="en"');
    expect(englishPage).toMatch(/<h1>Too many attempts<\/h1>/);
  });
});
