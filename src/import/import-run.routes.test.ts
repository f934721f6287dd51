import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/databases.js";
import { Browser, createAccount, startTestApp, type TestApp } from "../../test/support/test-app.js";
import { enqueueJob } from "../platform/jobs/job-queue.js";
import { WORDPRESS_IMPORT_JOB } from "./import-run.service.js";
import { insertRun } from "./wordpress.store.js";

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
