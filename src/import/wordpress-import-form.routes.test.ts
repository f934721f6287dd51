import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, createAccount, startTestApp, type TestApp } from "../../test/support/test-app.js";

const IMPORT = "/admin/import";
const NOT_AN_EXPORT = { field: "wxr", bytes: Buffer.from("Ceci n'est pas un export."), name: "export.xml", type: "text/xml" };
// The catalogue sets French punctuation with thin no-break spaces; the assertions are written with plain ones.
const plain = async (res: Response) => (await res.text()).replace(/<!-- -->/g, "").replace(/[\u202f\u00a0]/g, " ");

describe("the WordPress import form's errors", () => {
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

  it("refuses a bad link structure and a file that is not an export in English to an administrator who reads English, and in French to the others", async () => {
    const badLinks = await english.postMultipart(IMPORT, IMPORT, { credit: "pseudonym", permalinks: "pas une structure" }, NOT_AN_EXPORT);
    expect(badLinks.status).toBe(422);
    expect(await plain(badLinks)).toContain("Give a WordPress link structure, for example /%year%/%monthnum%/%postname%/.");
    const notExport = await english.postMultipart(IMPORT, IMPORT, { credit: "pseudonym", permalinks: "" }, NOT_AN_EXPORT);
    expect(notExport.status).toBe(422);
    const englishText = await plain(notExport);
    expect(englishText).toContain("This file is not a WordPress export: it should start with “&lt;?xml”.");
    expect(englishText).not.toContain("n'est pas un export WordPress");
    const frenchText = await plain(await french.postMultipart(IMPORT, IMPORT, { credit: "pseudonym", permalinks: "" }, NOT_AN_EXPORT));
    expect(frenchText).toContain("Ce fichier n'est pas un export WordPress : il devrait commencer par « &lt;?xml ».");
  });

  it("refuses an uploads archive that is not a zip in English to an administrator who reads English, and in French to the others", async () => {
    const notZip = { field: "zip", bytes: Buffer.from("Ceci n'est pas une archive."), name: "uploads.zip", type: "application/zip" };
    const englishText = await plain(await english.postMultipart(IMPORT, IMPORT, { credit: "pseudonym", permalinks: "" }, notZip));
    expect(englishText).toContain("The uploads archive is not a readable zip file.");
    expect(englishText).not.toContain("archive des fichiers");
    const frenchText = await plain(await french.postMultipart(IMPORT, IMPORT, { credit: "pseudonym", permalinks: "" }, notZip));
    expect(frenchText).toContain("L'archive des fichiers envoyés n'est pas un zip lisible.");
  });
});
