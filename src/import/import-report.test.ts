import { describe, expect, it } from "vitest";
import { translator } from "../platform/i18n/translate.js";
import { noteText } from "./import-report.js";

describe("an import note in the reader's language", () => {
  const en = translator("en");
  const fr = translator("fr");

  it("says another service's refusal in that language, never as its key or in French", () => {
    const image = { code: "image_refused", values: { file: "2026/04/vide.jpg" }, reasonKey: "image.rejected.empty" } as const;
    expect(noteText(en, image)).toBe(`Image refused (${en("image.rejected.empty")}): 2026/04/vide.jpg`);
    expect(noteText(fr, image)).toContain(fr("image.rejected.empty"));
    expect(en("image.rejected.empty")).not.toBe(fr("image.rejected.empty"));
    const account = { code: "account_not_created", values: { name: "Mistral" }, reasonKey: "admin.accounts.error.emailTaken" } as const;
    expect(noteText(en, account)).toBe(`Account for Mistral not created: ${en("admin.accounts.error.emailTaken")}`);
    expect(noteText(en, account)).not.toContain("admin.accounts");
  });

  it("keeps an unforeseen failure's text out of the report: it goes to the operator's log", () => {
    expect(noteText(en, { code: "failed" })).toBe("Unexpected failure: nothing was written for this item. The server's log gives the cause; run the import again once it is fixed.");
    // A report stored before keeps its values; the sentence no longer repeats them.
    expect(noteText(en, { code: "failed", values: { reason: "SQLITE_CONSTRAINT: la contrainte" } })).not.toContain("SQLITE");
  });
});
