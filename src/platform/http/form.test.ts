import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { inviteForm, safeReturnPath, setupForm, signInForm } from "../../accounts/account.schemas.js";
import { adminListQuery, seriesForm, statusForm, storyForm, themeForm } from "../../editorial/story-form.schemas.js";
import { STORY_KINDS } from "../../stories/story.js";
import { listingQuery } from "../../stories/story.schemas.js";
import { formValues, parseForm, translatedForm } from "./form.js";
import { normaliseTextInput } from "./text-input.js";
import { isMessageKey, translator } from "../i18n/translate.js";

const inFrench = translator("fr");

const SCHEMAS = { signInForm, setupForm, inviteForm, storyForm, themeForm, seriesForm, statusForm, adminListQuery, listingQuery } as const;
type SchemaName = keyof typeof SCHEMAS;
const fieldsOf = (name: SchemaName) => Object.keys(SCHEMAS[name].shape);
const ALL_FIELDS = [...new Set(Object.keys(SCHEMAS).flatMap((name) => fieldsOf(name as SchemaName)))];

// zod's own (English) messages: none of them should reach a French form.
const ZOD_ENGLISH = /^(Invalid|Too (big|small)|Unrecognized|Expected|Required)|expected|received/;

const LONG = ["x".repeat(1_001), "é".repeat(10_000), `${"a".repeat(250)}@exemple.fr`, "mot ".repeat(60_000)];
const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom("", " ", "1", "0", "-1", "99", "100", "121", "1e3", "NaN", "a@b.fr", "  nom@exemple.fr  ", "article", "podcast", "single", "collective", "anonymous", "first_name_age", "name", "pseudonym", "suicide", "author", "editor", "admin", "publish", "schedule", "draft", "1"),
  fc.constantFrom(...LONG),
);
const value = fc.oneof(
  { weight: 4, arbitrary: text },
  { weight: 2, arbitrary: fc.array(fc.oneof(text, fc.integer(), fc.constant(null)), { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined)) },
  { weight: 1, arbitrary: fc.object({ maxDepth: 2 }) },
);
// Field names the schemas know, names with a special meaning in JavaScript, and anything else.
const key = fc.oneof(fc.constantFrom(...ALL_FIELDS), fc.constantFrom("_csrf", "__proto__", "constructor", "toString", "hasOwnProperty"), fc.string({ maxLength: 10 }));
const body = fc.dictionary(key, value, { maxKeys: 12 });
// A body as @fastify/formbody gives it: a null-prototype object whose keys are all own keys.
const parsedBody = body.map((entries) => Object.assign(Object.create(null) as Record<string, unknown>, entries));
const schemaName = fc.constantFrom(...(Object.keys(SCHEMAS) as SchemaName[]));

describe("parseForm", () => {
  it("accepts valid submissions and returns the cleaned data", () => {
    expect(parseForm(signInForm, { email: "  nom@exemple.fr ", password: "secret", _csrf: "t" })).toEqual({
      ok: true,
      data: { email: "nom@exemple.fr", password: "secret" },
    });
    expect(parseForm(themeForm, { name: " Deuil ", position: " 12 " })).toEqual({
      ok: true,
      data: { name: "Deuil", slug: "", description: "", position: 12 },
    });
    expect(parseForm(themeForm, { name: "Deuil" })).toEqual({ ok: true, data: { name: "Deuil", slug: "", description: "", position: 0 } });
    const story = parseForm(storyForm, { title: "Titre", kind: "article", format: "single", creditKind: "anonymous", themeIds: "3" });
    expect(story.ok && story.data.themeIds).toEqual(["3"]);
  });

  it("reports a French message for each wrong field and keeps what was typed", () => {
    const result = parseForm(setupForm, { email: "pas-une-adresse", displayName: " ", password: "a", confirmation: "b", _csrf: "jeton" });
    if (result.ok) throw new Error("a wrong form was accepted");
    // The schema gives catalogue keys; the route translates them into the page's language.
    expect(translatedForm(inFrench, result.form)).toEqual({
      values: { email: "pas-une-adresse", displayName: " ", password: "a", confirmation: "b" },
      errors: {
        email: "Indiquez une adresse électronique valide, comme nom@exemple.fr.",
        displayName: "Indiquez un nom.",
        confirmation: "Les deux mots de passe ne sont pas identiques.",
      },
    });
  });

  it("never throws, and returns data or errors keyed by the schema's field names", () => {
    fc.assert(
      fc.property(schemaName, fc.oneof(body, parsedBody), (name, sent) => {
        const result = parseForm(SCHEMAS[name] as z.ZodType, sent);
        if (result.ok) {
          expect(result.data).toBeTypeOf("object");
          return;
        }
        const errors = Object.entries(result.form.errors);
        expect(errors.length).toBeGreaterThan(0);
        for (const [field, message] of errors) {
          expect(fieldsOf(name)).toContain(field);
          expect(message).toBeTypeOf("string");
          expect(message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("writes every error message in French, even for a missing or repeated field", () => {
    fc.assert(
      fc.property(schemaName, body, (name, sent) => {
        const result = parseForm(SCHEMAS[name] as z.ZodType, sent);
        if (result.ok) return;
        // A message is French text or a catalogue key, shown in French on a French page.
        for (const message of Object.values(result.form.errors).map((m) => (isMessageKey(m) ? inFrench(m) : m))) {
          expect(message).not.toMatch(ZOD_ENGLISH);
          expect(message).toMatch(/\.$/);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("writes in French when a field is missing or sent twice (examples)", () => {
    const missing = parseForm(setupForm, { email: "a@b.fr", displayName: "A", password: "p" });
    expect(missing.ok ? "" : missing.form.errors.confirmation).not.toMatch(ZOD_ENGLISH);
    const repeated = parseForm(signInForm, { email: ["a@b.fr", "c@d.fr"], password: "p" });
    expect(repeated.ok ? "" : repeated.form.errors.email).not.toMatch(ZOD_ENGLISH);
  });

  it("re-displays exactly the text fields that were sent (normalised), except the CSRF token, and inherits nothing from them", () => {
    fc.assert(
      fc.property(schemaName, fc.oneof(body, parsedBody), (name, sent) => {
        const result = parseForm(SCHEMAS[name] as z.ZodType, sent);
        if (result.ok) return;
        const { values } = result.form;
        // A field named "__proto__" may be kept or dropped, but must never become the prototype.
        const expected = new Map<string, unknown>();
        for (const [k, v] of Object.entries(sent)) {
          if (k === "_csrf" || k === "__proto__") continue;
          if (typeof v === "string") expected.set(k, normaliseTextInput(v));
          else if (Array.isArray(v)) expected.set(k, v.filter((x) => typeof x === "string").map(normaliseTextInput));
        }
        expect([Object.prototype, null]).toContain(Object.getPrototypeOf(values));
        expect(Object.keys(values).filter((k) => k !== "__proto__").sort()).toEqual([...expected.keys()].sort());
        for (const [k, v] of expected) {
          expect(Object.hasOwn(values, k)).toBe(true);
          expect(values[k]).toEqual(v);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("does not let a repeated field named __proto__ replace the prototype of the re-displayed values (example)", () => {
    // What @fastify/formbody gives for "__proto__=a&__proto__=b&email=x".
    const sent = Object.assign(Object.create(null) as Record<string, unknown>, { ["__proto__"]: ["a", "b"], email: "x" });
    const values = formValues(sent);
    expect([Object.prototype, null]).toContain(Object.getPrototypeOf(values));
    expect(values.email).toBe("x");
  });

  it("rejects a story body over 200 000 characters with its own message", () => {
    const result = parseForm(storyForm, { title: "T", kind: "article", format: "single", creditKind: "anonymous", body: "a".repeat(200_001) });
    // The message is a catalogue key, shown in the page's language.
    expect(result.ok ? {} : result.form.errors).toEqual({ body: "admin.story.error.bodyTooLong" });
  });
});

describe("public and admin list queries", () => {
  it("never throw and always give a page between 1 and 100 000 and only known filters", () => {
    fc.assert(
      fc.property(fc.oneof(body, parsedBody), (query) => {
        const listing = listingQuery.parse(query);
        const admin = adminListQuery.parse(query);
        for (const page of [listing.page, admin.page]) {
          expect(Number.isInteger(page)).toBe(true);
          expect(page).toBeGreaterThanOrEqual(1);
          expect(page).toBeLessThanOrEqual(100_000);
        }
        if (listing.format !== undefined) expect(STORY_KINDS).toContain(listing.format);
        for (const slug of [listing.theme, listing.serie]) if (slug !== undefined) expect(slug).toMatch(/^[a-z0-9-]{1,80}$/);
        if (admin.q !== undefined) expect(admin.q.length).toBeLessThanOrEqual(100);
        const parsed = parseForm(listingQuery, query);
        expect(parsed.ok).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("read a page number that was typed correctly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (page) => {
        expect(listingQuery.parse({ page: String(page) }).page).toBe(page);
      }),
      { numRuns: 300 },
    );
    expect(listingQuery.parse({ page: "0" }).page).toBe(1);
    expect(listingQuery.parse({ page: "-3" }).page).toBe(1);
    expect(listingQuery.parse({ page: "2.5" }).page).toBe(1);
    expect(listingQuery.parse({ page: "abc" }).page).toBe(1);
    expect(listingQuery.parse({}).page).toBe(1);
  });
});

describe("safeReturnPath", () => {
  it("keeps admin paths and refuses everything else", () => {
    expect(safeReturnPath("/admin")).toBe("/admin");
    expect(safeReturnPath("/admin/temoignages?page=2")).toBe("/admin/temoignages?page=2");
    expect(safeReturnPath("/admin?x=1")).toBe("/admin?x=1");
    for (const bad of ["//evil.example", "https://evil.example/admin", "/administrateur", "/admin/\\evil", "/admin/ x", "/", "", "admin", "/ADMIN", "javascript:alert(1)", "/\\evil.example"]) {
      expect(safeReturnPath(bad), bad).toBe("/admin");
    }
    expect(safeReturnPath(undefined)).toBe("/admin");
    expect(safeReturnPath(["/admin/x"])).toBe("/admin");
  });

  it("only ever returns a same-site path under /admin", () => {
    const candidate = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.tuple(fc.constantFrom("/admin", "/admin/", "/admin?", "//", "/\\", "http://", "https://", "/admin//", "/admin/../", "\t/admin", "/admin\n"), fc.string({ maxLength: 30 })).map(([a, b]) => a + b),
      fc.webUrl(),
      fc.anything(),
    );
    fc.assert(
      fc.property(candidate, (value) => {
        const path = safeReturnPath(value);
        expect(path === "/admin" || path === value).toBe(true);
        expect(path).toMatch(/^\/admin([/?]|$)/);
        expect(path.startsWith("//")).toBe(false);
        expect(path.startsWith("http")).toBe(false);
        expect(path).not.toMatch(/[\s\\]/);
      }),
      { numRuns: 1000 },
    );
  });
});
