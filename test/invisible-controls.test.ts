import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normaliseTextInput } from "../src/platform/http/text-input.js";
import { manualClock } from "./support/clock.js";
import { DIALECTS } from "./support/databases.js";
import { contribute, openFollowUp, submissionIdByTitle } from "./support/participation.js";
import { Browser, createAccount, startTestApp, type TestApp } from "./support/test-app.js";

// Bidi embeddings, overrides and isolates, and zero-width characters (the joiner is checked apart).
const FORBIDDEN = /[\u202A-\u202E\u2066-\u2069\u200B\u200C\u2060\uFEFF]/u;
const STRAY_JOINER = /(?<!\p{Extended_Pictographic}[\u{FE0F}\u{1F3FB}-\u{1F3FF}]?)\u200D|\u200D(?!\p{Extended_Pictographic})/u;
const CONTROLS = ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF"];

// Words with controls anywhere inside, starting with a letter so that no required field is left empty.
const hostile = fc
  .array(fc.oneof(fc.constantFrom(...CONTROLS), fc.constantFrom("mot", "été", "e\u0301", "👩", "⚕️", " ", "\n", "«", "#", "_["), fc.string({ maxLength: 4 })), {
    minLength: 1,
    maxLength: 25,
  })
  .map((parts) => `T${parts.join("")}`);

describe.each(DIALECTS)("text typed into any form on %s", (dialect) => {
  let t: TestApp;
  let editor: Browser;
  const clock = manualClock("2026-11-25T10:00:00.000Z");

  beforeAll(async () => {
    t = await startTestApp({ dialect, clock });
    editor = new Browser(t.url);
    await editor.signInDirectly(t, await createAccount(t, "editor"));
  });
  afterAll(() => t.close());

  /** Every text value of every row of every table. */
  async function storedTexts(): Promise<string[]> {
    const tables =
      dialect === "postgres"
        ? (await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(t.deps.db)).rows
        : (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(t.deps.db)).rows;
    expect(tables.length).toBeGreaterThan(10);
    const texts: string[] = [];
    for (const { name } of tables) {
      const rows = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(t.deps.db)).rows;
      for (const row of rows) for (const value of Object.values(row)) if (typeof value === "string") texts.push(value);
    }
    return texts;
  }

  async function sendContactMessage(subject: string, body: string): Promise<Response> {
    const person = new Browser(t.url);
    const { html } = await person.getText("/contact");
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] as string;
    const stamp = /name="stamp" value="([^"]+)"/.exec(html)?.[1] as string;
    clock.advance(1);
    return person.post("/contact", { _csrf: token, stamp, site: "", subject, body, replyTo: "" });
  }

  let run = 0;
  it("stores no Bidi control and no zero-width character, whatever is posted to contributions, messages, contact, stories, calls and themes", async () => {
    // Few runs: each one goes through eight forms, and the contact form allows ten messages in ten minutes.
    await fc.assert(
      fc.asyncProperty(hostile, hostile, hostile, async (a, b, c) => {
        run += 1;
        const person = new Browser(t.url);
        const title = `${a} ${run}`;
        const sent = await contribute(person, { title, body: `${b}\n\n${c}`, creditKind: "pseudonym", creditName: c.slice(0, 60) });
        expect(sent.res.status).toBe(200);
        await openFollowUp(person, sent.receipt);
        expect((await person.submit("/suivi/contribution", "/suivi/message", { body: b })).status).toBe(303);
        const id = await submissionIdByTitle(t, normaliseTextInput(title).trim());
        expect((await editor.submit(`/admin/contributions/${id}`, `/admin/contributions/${id}/message`, { message: c })).status).toBe(303);
        expect((await sendContactMessage(a, b)).status).toBe(303);
        const story = await editor.submit("/admin/temoignages/nouveau", "/admin/temoignages", {
          title: `${b.slice(0, 150)} ${run}`,
          slug: "",
          kind: "article",
          format: "single",
          standfirst: a,
          body: `# ${b}\n\n${c}`,
          creditKind: "pseudonym",
          creditName: a.slice(0, 60),
          creditAge: "",
          seriesId: "",
          seriesPosition: "",
          coverImageId: "",
          coverAlt: c,
          action: "save",
        });
        expect(story.status).toBe(303);
        const call = await editor.submit("/admin/appels", "/admin/appels", {
          title: `${c.slice(0, 150)} ${run}`,
          slug: `appel-${run}`,
          themeId: "",
          introMd: a,
          questionsMd: b,
          safetyNoticeMd: c,
          opensAt: "2026-11-20T09:00",
          closesAt: "2026-12-01T18:00",
          formats: ["text"],
          creditOptions: ["anonymous"],
          consentText: b,
        });
        expect(call.status).toBe(303);
        expect((await editor.submit("/admin/themes", "/admin/themes", { name: `${a.slice(0, 60)} ${run}`, slug: `theme-${run}`, description: b, position: "0" })).status).toBe(303);
      }),
      { numRuns: 8 },
    );
    const texts = await storedTexts();
    // The visible words arrived: the test would pass vacuously if nothing had been stored.
    expect(texts.filter((x) => x.startsWith("T")).length).toBeGreaterThan(8 * 5);
    for (const text of texts) {
      expect(text).not.toMatch(FORBIDDEN);
      expect(text).not.toMatch(STRAY_JOINER);
    }
  });

  it("shows a contributor's reversed line as typed, on the follow-up page and in triage (example)", async () => {
    const person = new Browser(t.url);
    const title = `Mon titre \u202Eesrever ${dialect}`;
    const sent = await contribute(person, { title, body: "Un te\u200Bxte \u2067isolé\u2069 avec un soignant 👩‍⚕️." });
    await openFollowUp(person, sent.receipt);
    const page = (await person.getText("/suivi/contribution")).html;
    expect(page).toContain("Un texte isolé avec un soignant 👩‍⚕️.");
    const id = await submissionIdByTitle(t, `Mon titre esrever ${dialect}`);
    const triage = (await editor.getText(`/admin/contributions/${id}`)).html;
    expect(triage).toContain(`Mon titre esrever ${dialect}`);
    expect(triage).not.toMatch(FORBIDDEN);
  });
});
