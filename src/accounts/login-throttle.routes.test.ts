import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../test/support/clock.js";
import { Browser, createAccount, startTestApp, TEST_PASSWORD, type TestApp } from "../../test/support/test-app.js";
import { PAIR_LIMIT, UNKNOWN_DEVICES_LIMIT } from "./login-throttle.js";

/** A browser behind the trusted proxy, with an address of its own. */
function from(t: TestApp, address: string): Browser {
  return new Browser(t.url, { "x-forwarded-for": address });
}

async function tryPassword(browser: Browser, email: string, password: string): Promise<{ status: number; html: string }> {
  const res = await browser.submit("/admin/connexion", "/admin/connexion", { email, password });
  return { status: res.status, html: await res.text() };
}

describe("a login throttle that a stranger cannot turn against an editor", () => {
  let t: TestApp;
  const clock = manualClock("2026-12-02T09:00:00Z");
  let address = 0;
  const newAddress = () => `198.51.100.${++address}`;

  beforeAll(async () => {
    t = await startTestApp({ dialect: "sqlite", clock, env: { TRUST_PROXY: "on" } });
  });
  afterAll(() => t.close());

  it("lets the owner in from a browser that signed in before, while a stranger's guesses from many addresses hold back unknown devices", async () => {
    const email = await createAccount(t, "editor");
    const owner = from(t, newAddress());
    await owner.signIn(email);
    // Signed out since: the browser keeps only its device cookie.
    expect((await owner.submit("/admin/compte", "/admin/deconnexion", {})).status).toBe(303);
    // The stranger guesses from enough addresses to pass every per-address limit.
    const guesses = Math.ceil(UNKNOWN_DEVICES_LIMIT / PAIR_LIMIT) + 1;
    for (let a = 0; a < guesses; a++) {
      const stranger = from(t, newAddress());
      for (let i = 0; i < PAIR_LIMIT; i++) await tryPassword(stranger, email, `essai ${a}-${i}`);
    }
    // A new device with the right password now waits…
    const fresh = await tryPassword(from(t, newAddress()), email, TEST_PASSWORD);
    expect(fresh.status).toBe(429);
    // …but the owner's browser gets in.
    const back = await tryPassword(owner, email, TEST_PASSWORD);
    expect(back.status).toBe(303);
  });

  it("forgets failures as they age: a wrong password every quarter of an hour never keeps the owner out", async () => {
    const email = await createAccount(t, "editor");
    const stranger = from(t, newAddress());
    for (let round = 0; round < 8; round++) {
      expect((await tryPassword(stranger, email, `essai ${round}`)).status).toBe(422);
      clock.advance(15);
    }
    expect((await tryPassword(stranger, email, "encore un essai")).status).toBe(422);
    // The owner on a new device, right after the stranger's last try.
    expect((await tryPassword(from(t, newAddress()), email, TEST_PASSWORD)).status).toBe(303);
  });

  it("answers in the same words for an address with an account and one without, before and after the limit", async () => {
    const known = await createAccount(t, "author");
    const unknown = "personne-ici@exemple.fr";
    const answers: Record<string, Array<{ status: number; message: string }>> = {};
    for (const email of [known, unknown]) {
      const browser = from(t, newAddress());
      answers[email] = [];
      for (let i = 0; i <= PAIR_LIMIT; i++) {
        const { status, html } = await tryPassword(browser, email, `mauvais ${i}`);
        const message = /Adresse ou mot de passe incorrect\.|Trop d(?:'|&#39;)essais[^<]*/.exec(html)?.[0] ?? "";
        answers[email]?.push({ status, message });
      }
    }
    expect(answers[known]).toEqual(answers[unknown]);
    expect(answers[known]?.at(-1)?.status).toBe(429);
    expect(answers[known]?.at(-1)?.message).toMatch(/^Trop d/);
    expect(answers[known]?.[0]?.message).toBe("Adresse ou mot de passe incorrect.");
  });

  it("keeps no address or e-mail of a failed attempt anywhere in the database", async () => {
    const email = await createAccount(t, "author");
    await tryPassword(from(t, "203.0.113.99"), email, "pas le bon");
    const users = await t.deps.db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirstOrThrow();
    expect(JSON.stringify(users)).not.toContain("203.0.113.99");
    expect(t.logs.join("")).not.toContain("203.0.113.99");
  });
});
