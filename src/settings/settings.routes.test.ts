import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, createAccount, startTestApp, type TestApp } from "../../test/support/test-app.js";

const SETTINGS = "/admin/reglages";
const FORM = { name: "Entre Pairs", tagline: "", contactEmail: "", legalEntity: "", legalHost: "", socialLinks: "", accentColour: "#a2361c" };
// The catalogue sets French punctuation with thin no-break spaces; the assertions are written with plain ones.
const plain = (html: string) => html.replace(/<!-- -->/g, "").replace(/[\u202f\u00a0]/g, " ");

describe("the settings page's errors", () => {
  let t: TestApp;
  let french: Browser;
  let english: Browser;

  beforeAll(async () => {
    t = await startTestApp({ dialect: "sqlite" });
    french = new Browser(t.url);
    await french.signInDirectly(t, await createAccount(t, "admin"));
    english = new Browser(t.url, { "accept-language": "en" });
    await english.signInDirectly(t, await createAccount(t, "admin"));
  });
  afterAll(() => t.close());

  const refused = async (person: Browser, fields: Partial<typeof FORM>) => {
    const res = await person.submit(SETTINGS, SETTINGS, { ...FORM, ...fields });
    expect(res.status).toBe(422);
    return plain(await res.text());
  };
  const links = Array.from({ length: 9 }, (_, i) => `https://mastodon.example/@voix${i}`).join("\n");

  it("says what is wrong with the values it measured, in English to an administrator who reads English", async () => {
    expect(await refused(english, { socialLinks: links })).toContain("8 addresses at most (9 given).");
    expect(await refused(english, { socialLinks: "http://mastodon.example/@nous" })).toContain("“http://mastodon.example/@nous” is not a valid https:// address (for example https://mastodon.social/@us).");
    expect(await refused(english, { accentColour: "#f2c14e" })).toContain("Not enough contrast (4.5:1 at least, level AA) as text on the page background: 1.6:1; as a background under white text: 1.6:1. Choose a darker colour.");
    const long = await refused(english, { legalEntity: "x".repeat(501) });
    expect(long).toContain("500 characters at most.");
    expect(long).toContain("x".repeat(501));
    for (const page of [long, await refused(english, { socialLinks: links, accentColour: "#f2c14e" })]) expect(page).not.toMatch(/adresses au plus|Contraste insuffisant|caractères au plus/);
  });

  it("says the same in French to the others, keeping what was typed", async () => {
    const page = await refused(french, { socialLinks: links, accentColour: "#f2c14e", legalHost: "y".repeat(501) });
    expect(page).toContain("8 adresses au plus (9 données).");
    expect(page).toContain("Contraste insuffisant (4,5:1 au moins, niveau AA) en texte sur le fond des pages : 1,6:1 ; en fond sous un texte blanc : 1,6:1. Choisissez une couleur plus foncée.");
    expect(page).toContain("500 caractères au plus.");
    expect(page).toContain("https://mastodon.example/@voix8");
    expect(await refused(french, { socialLinks: "mastodon.example" })).toContain("« mastodon.example » n'est pas une adresse https:// valable (par exemple https://mastodon.social/@nous).");
  });
});
