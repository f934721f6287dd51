import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contactForm } from "../contact/contact.routes.js";
import { parseForm } from "../platform/http/form.js";
import { isMessageKey, translator } from "../platform/i18n/translate.js";
import { contributionForm, messageForm, receiptForm, sendDraftForm } from "./submission.schemas.js";

// The public forms' messages are catalogue keys, so a rejected form speaks the page's language.
const SCHEMAS = { contributionForm, receiptForm, messageForm, sendDraftForm, contactForm };
const FIELDS = ["title", "body", "creditKind", "creditName", "creditAge", "contentNotes", "channels", "email", "consent", "action", "appel", "receipt", "subject", "replyTo"];
const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom("", " ", "0", "121", "abc", "a@b", "x".repeat(300), "y".repeat(60_000), "anonymous", "pseudonym", "first_name_age", "site", "suicide", "send", "1"),
);
const body = fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 6 })), fc.oneof(text, fc.array(text, { maxLength: 3 })), { maxKeys: 10 });

describe("public form schemas", () => {
  it("reject bad input with catalogue keys only, each with a French and an English text", () => {
    const fr = translator("fr");
    const en = translator("en");
    fc.assert(
      fc.property(fc.constantFrom(...(Object.keys(SCHEMAS) as Array<keyof typeof SCHEMAS>)), body, (name, input) => {
        const result = parseForm(SCHEMAS[name], input, "form.invalid");
        if (result.ok) return;
        for (const message of Object.values(result.form.errors)) {
          expect(isMessageKey(message), `${name}: ${message}`).toBe(true);
          if (!isMessageKey(message)) return;
          expect(fr(message)).toMatch(/\.$/);
          expect(en(message)).toMatch(/\.$/);
          expect(en(message)).not.toBe(fr(message));
        }
      }),
      { numRuns: 400 },
    );
  });

  it("gives the English text of a rejected contribution", () => {
    // Everything else right: the written format needs its text.
    const result = parseForm(contributionForm, { body: "", format: "text", creditKind: "anonymous", consent: "1", channels: "site" }, "form.invalid");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(translator("en")(result.form.errors.body as "contribute.error.bodyMissing")).toBe("Write your story, even a few lines.");
  });
});
