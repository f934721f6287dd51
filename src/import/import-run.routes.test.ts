import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/databases.js";
import { frenchLines } from "../../test/support/french-words.js";
import { visibleText } from "../../test/support/raw-codes.js";
import { Browser, createAccount, startTestApp, type TestApp } from "../../test/support/test-app.js";
import { SMALL_ENGLISH_FIXTURE } from "../../test/support/wordpress.js";
import { makeZip } from "../../test/support/zip.js";
import { publicationRules } from "../app.js";
import { enqueueJob } from "../platform/jobs/job-queue.js";
import { startImportRun, WORDPRESS_IMPORT_JOB } from "./import-run.service.js";
import { insertRun } from "./wordpress.store.js";
import { DEFAULT_OPTIONS } from "./wordpress-import.service.js";

// French typography puts narrow and non-breaking spaces before colons and inside guillemets.
const plain = (html: string) => html.replace(/[\u00a0\u202f]/g, " ").replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"');
/** What the page says in its main part, as a reader sees it. */
const mainText = (html: string) => plain(visibleText(/<main\b[\s\S]*<\/main>/.exec(html)?.[0] ?? ""));

const EXPORT = fs.readFileSync(SMALL_ENGLISH_FIXTURE, "utf8");
/** An external entity (XXE) declared in a DOCTYPE, and a "billion laughs" expansion. */
const XXE = EXPORT.replace("<rss ", '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<rss ').replace("<title>Garden neighbours</title>", "<title>&xxe;</title>");
const LAUGHS = `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n<rss><channel><title>&lol2;</title></channel></rss>`;
/** Cut in the middle of an item: WordPress's exporter stopped by a timeout. */
const CUT = EXPORT.slice(0, EXPORT.indexOf("</item>"));
/** The uploads zip with the export's image, whose compressed bytes are damaged (its directory is sound, so the form takes it). */
function damagedZip(): Buffer {
  const name = "2026/04/lost.jpg";
  const zip = makeZip([{ name, data: randomBytes(4000), deflate: true }]);
  zip.fill(0xff, 30 + name.length, 30 + name.length + 64);
  return zip;
}

describe.each(DIALECTS)("a failed import's page, on %s", (dialect) => {
  let t: TestApp;
  let french: Browser;
  let english: Browser;
  let adminId = 0;

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    const email = await createAccount(t, "admin");
    adminId = Number((await t.deps.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id);
    french = new Browser(t.url);
    await french.signInDirectly(t, email);
    english = new Browser(t.url, { "accept-language": "en" });
    await english.signInDirectly(t, email);
  });
  afterAll(() => t.close());

  /** A run whose job failed for good, as the queue leaves it; the run itself says nothing. */
  async function failedRun(job: { failure_code?: string | null; last_error?: string | null }): Promise<string> {
    const now = t.deps.clock.now();
    const runId = await insertRun(t.deps.db, { options: JSON.stringify({ dryRun: false }), filesKey: "imports/absent", requestedBy: adminId, now: now.toISOString() });
    const jobId = await enqueueJob(t.deps.db, { kind: WORDPRESS_IMPORT_JOB, subject: `import:${runId}`, payload: { runId }, maxAttempts: 2 }, now);
    // Held far in the future, so the background runner never takes it while the test reads.
    await t.deps.db
      .updateTable("jobs")
      .set({ state: "failed", attempts: 2, run_after: "2999-01-01T00:00:00.000Z", ...job })
      .where("id", "=", jobId)
      .execute();
    return `/admin/import/${runId}`;
  }

  /** Starts an import of these files as the form does, and runs its job until the run is over. */
  async function refusedRun(files: { wxr: string; zip?: Buffer }): Promise<string> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-import-test-"));
    const keep = (name: string, bytes: Buffer) => {
      fs.writeFileSync(path.join(dir, name), bytes);
      return { path: path.join(dir, name), bytes: bytes.length, truncated: false };
    };
    const deps = { ...t.deps, ...publicationRules({ baseUrl: t.url }), baseUrl: t.url };
    const admin = { id: adminId, role: "admin" as const, email: "", displayName: "" };
    const started = await startImportRun(deps, admin, { wxr: keep("export.xml", Buffer.from(files.wxr)), zip: files.zip ? keep("uploads.zip", files.zip) : null }, { ...DEFAULT_OPTIONS });
    if (!started.ok) throw new Error(`refused by the form: ${JSON.stringify(started.errors)}`);
    for (let round = 0; ; round++) {
      await t.app.runScheduledTasks();
      const run = await t.deps.db.selectFrom("wordpress_imports").select("state").where("id", "=", started.id).executeTakeFirstOrThrow();
      if (run.state === "done" || run.state === "failed") break;
      if (round > 400) throw new Error("the import did not finish");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    fs.rmSync(dir, { recursive: true, force: true });
    return `/admin/import/${started.id}`;
  }

  it.each([
    {
      file: "a malformed export",
      files: () => ({ wxr: CUT }),
      english: /Unreadable XML file \(line \d+, column \d+\): it is damaged or incomplete\. Export it again from WordPress\./,
      french: /Fichier XML illisible \(ligne \d+, colonne \d+\) : il est abîmé ou incomplet\. Exportez-le à nouveau depuis WordPress\./,
    },
    {
      file: "an export declaring an external entity (XXE)",
      files: () => ({ wxr: XXE }),
      english: /This file declares a DOCTYPE \(line 4\): a WordPress export never has one, and it could ask for other files to be read\. It is refused\./,
      french: /Ce fichier déclare un DOCTYPE \(ligne 4\) : un export WordPress n'en a jamais/,
    },
    { file: "an entity expansion (billion laughs)", files: () => ({ wxr: LAUGHS }), english: /This file declares a DOCTYPE \(line 2\)/, french: /Ce fichier déclare un DOCTYPE \(ligne 2\)/ },
    {
      file: "an uploads zip with a damaged file",
      files: () => ({ wxr: EXPORT, zip: damagedZip() }),
      english: /The file “2026\/04\/lost\.jpg” in the archive cannot be read\./,
      french: /Le fichier « 2026\/04\/lost\.jpg » de l'archive est illisible\./,
    },
  ])("says why $file failed the run in English to an editor who reads English, and in French to the others", async ({ files, english: englishText, french: frenchText }) => {
    const page = await refusedRun(files());
    const stored = await t.deps.db.selectFrom("wordpress_imports").select(["state", "error", "error_code"]).where("id", "=", Number(page.split("/").pop())).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ state: "failed", error: null, error_code: expect.stringMatching(/^admin\.import\./) });
    const en = await english.getText(page);
    expect(en.status).toBe(200);
    const enText = mainText(en.html);
    expect(enText).toMatch(englishText);
    expect(enText).toContain("State:");
    expect(frenchLines(enText)).toEqual([]);
    const fr = mainText((await french.getText(page)).html);
    expect(fr).toMatch(frenchText);
    expect(fr).not.toMatch(englishText);
  });

  it("shows a run stored before failures were codes as its French sentence to French readers, and as a failure in the reader's language to the others", async () => {
    const runId = await insertRun(t.deps.db, { options: JSON.stringify({ dryRun: false }), filesKey: "imports/absent", requestedBy: adminId, now: t.deps.clock.now().toISOString() });
    const sentence = "Ce fichier déclare un DOCTYPE (ligne 2) : un export WordPress n'en a jamais, et il pourrait demander la lecture d'autres fichiers. Il est refusé.";
    await t.deps.db.updateTable("wordpress_imports").set({ state: "failed", error: sentence }).where("id", "=", runId).execute();
    const en = mainText((await english.getText(`/admin/import/${runId}`)).html);
    expect(en).toContain("The import failed. Send the file again to see why.");
    expect(frenchLines(en)).toEqual([]);
    expect(mainText((await french.getText(`/admin/import/${runId}`)).html)).toContain(sentence);
  });

  it("shows an unexpected failure in the editor's language, never the text the job threw (rows stored before codes too)", async () => {
    const page = await failedRun({ last_error: "ENOENT: no such file or directory, open '/srv/entrepairs/private/work/export.xml'" });
    const fr = await french.getText(page);
    expect(fr.status).toBe(200);
    expect(fr.html).toContain('<p class="callout error">Échec inattendu.</p>');
    const en = await english.getText(page);
    expect(en.html).toContain('<p class="callout error">Unexpected failure.</p>');
    for (const html of [fr.html, en.html]) expect(html).not.toMatch(/ENOENT|\/srv\/|export\.xml/);
  });

  it("says what to do next when the job names its failure", async () => {
    const page = await failedRun({ failure_code: "import.file_missing" });
    expect((await french.getText(page)).html).toMatch(/Le fichier d'export n'est plus là\s: envoyez-le à nouveau\./);
    expect((await english.getText(page)).html).toContain("The export file is no longer there: send it again.");
  });
});
