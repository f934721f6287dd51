import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveTheme } from "../src/stories/taxonomy-editing.service.js";
import { DIALECTS } from "./support/databases.js";
import { manualClock } from "./support/clock.js";
import { formFields } from "./support/forms.js";
import { contribute, openFollowUp, submissionIdByTitle } from "./support/participation.js";
import { Browser, createAccount, startTestApp, type TestApp } from "./support/test-app.js";
import { importFixture } from "./support/wordpress.js";

/**
 * The promise "nothing public without the author's approval of that exact version, nor without
 * the safe-messaging checklist signed for it", as a property over every path that can change what
 * readers see: saving, sending for approval, approving, signing, publishing, scheduling, the
 * scheduler itself, unpublishing, restoring an old revision, an import and the list's bulk actions
 * (publish, a theme added or removed, which may release the story again, and scheduling), in random order.
 *
 * Each edit writes fresh marker words into the standfirst and body (the text) or into the credit.
 * The model records which (text, credit) pairs the author approved and which an editor signed.
 * After every step, every public page, feed and the sitemap is read: any marker found must belong
 * to a version that was both approved and signed, and the story page must show one such version whole.
 */

/** `notes`: the version carries content notes, so an editor must sign its checklist before it is public. */
type Version = { text: string; credit: string; notes: boolean };
const key = (v: Version) => `${v.text}|${v.credit}|${v.notes ? "notes" : "none"}`;

type Model = {
  working: Version;
  /** What the author would approve now (the last version sent), if anything was sent. */
  sent: Version | null;
  approved: Set<string>;
  signed: Set<string>;
  texts: Set<string>;
  credits: Set<string>;
};

type Real = {
  t: TestApp;
  clock: ReturnType<typeof manualClock>;
  editor: Browser;
  author: Browser;
  receipt: string;
  storyId: number;
  submissionId: number;
  slug: string;
  /** A theme the bulk action adds and removes. */
  themeId: number;
};

let counter = 0;
// Marker words no French or English text contains: "qzt" for the text, "qzc" for the credit,
// "qzi" for what an import brings (its own story's words, never the contribution's).
const marker = (prefix: "qzt" | "qzc" | "qzi") => `${prefix}${String(++counter).padStart(5, "0")}`;

async function saveWorkingCopy(r: Real, patch: Record<string, string>) {
  const form = formFields((await r.editor.getText(`/admin/temoignages/${r.storyId}`)).html);
  const res = await r.editor.submit(`/admin/temoignages/${r.storyId}`, `/admin/temoignages/${r.storyId}`, { ...form, ...patch, action: "save" });
  expect(res.status).toBe(303);
}

const status = (r: Real, fields: Record<string, string>) => r.editor.submit(`/admin/temoignages/${r.storyId}`, `/admin/temoignages/${r.storyId}/statut`, fields);

/** Every step is followed by a look at every public page: the property holds after each one. */
abstract class Step implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  abstract act(m: Model, r: Real): Promise<void>;
  async run(m: Model, r: Real) {
    await this.act(m, r);
    await checkPublicPages(m, r);
  }
}

class EditText extends Step {
  override async act(m: Model, r: Real) {
    const text = marker("qzt");
    await saveWorkingCopy(r, { standfirst: `Chapô ${text}.`, body: `Un récit ${text} écrit avec la personne.` });
    m.working = { ...m.working, text };
    m.texts.add(text);
  }
  override toString = () => "edit text";
}

class EditCredit extends Step {
  override async act(m: Model, r: Real) {
    const credit = marker("qzc");
    await saveWorkingCopy(r, { creditKind: "pseudonym", creditName: `Camille ${credit}` });
    m.working = { ...m.working, credit };
    m.credits.add(credit);
  }
  override toString = () => "edit credit";
}

class SendForApproval extends Step {
  override async act(m: Model, r: Real) {
    const res = await r.editor.submit(`/admin/contributions/${r.submissionId}`, `/admin/contributions/${r.submissionId}/accord`, {});
    expect(res.status).toBe(303);
    m.sent = { ...m.working };
  }
  override toString = () => "send for approval";
}

class Approve extends Step {
  override async act(m: Model, r: Real) {
    // The follow-up session lasts 30 minutes of the clock the scheduler steps move: reopen it with the receipt.
    if ((await r.author.get("/suivi/contribution")).status !== 200) await openFollowUp(r.author, r.receipt);
    const page = await r.author.getText("/suivi/version");
    const versionId = /name="versionId" value="(\d+)"/.exec(page.html)?.[1];
    if (!versionId) return;
    const res = await r.author.submit("/suivi/version", "/suivi/approuver", { versionId });
    // Approved only if the story still reads as the version sent; the model says the same.
    if (res.status === 303) {
      expect(m.sent && key(m.sent) === key(m.working)).toBe(true);
      m.approved.add(key(m.sent as Version));
    }
  }
  override toString = () => "author approves";
}

/** The editor sends the current version and its author approves it at once (the common path). */
class SendAndApprove extends Step {
  override async act(m: Model, r: Real) {
    await new SendForApproval().act(m, r);
    await new Approve().act(m, r);
  }
  override toString = () => "send, author approves";
}

class Sign extends Step {
  override async act(m: Model, r: Real) {
    const items = ["no_method", "resources", "no_sensational", "content_notes", "identity"];
    const res = await r.editor.submit(`/admin/temoignages/${r.storyId}`, `/admin/temoignages/${r.storyId}/verification`, { items });
    expect(res.status).toBe(303);
    m.signed.add(key(m.working));
  }
  override toString = () => "sign checklist";
}

class Publish extends Step {
  override async act(_m: Model, r: Real) {
    expect([303, 422]).toContain((await status(r, { action: "publish" })).status);
  }
  override toString = () => "publish";
}

/** The list's bulk action, confirmed: the same release door as the button, story by story. */
class BulkPublish extends Step {
  override async act(_m: Model, r: Real) {
    const res = await r.editor.submit("/admin/temoignages", "/admin/temoignages/lot/appliquer", { ids: String(r.storyId), action: "publish" });
    expect(res.status).toBe(200);
  }
  override toString = () => "bulk publish";
}

/**
 * A theme added or removed in bulk: it changes the working copy, and a story public with nothing
 * else pending is released again at once, if the guards let that new version through.
 */
class BulkTheme extends Step {
  override async act(_m: Model, r: Real) {
    const has = await r.t.deps.db.selectFrom("story_themes").select("theme_id").where("story_id", "=", r.storyId).where("theme_id", "=", r.themeId).executeTakeFirst();
    const action = has ? "remove-theme" : "add-theme";
    const res = await r.editor.submit("/admin/temoignages", "/admin/temoignages/lot/appliquer", { ids: String(r.storyId), action, themeId: String(r.themeId) });
    expect(res.status).toBe(200);
  }
  override toString = () => "bulk theme added or removed";
}

/** The list's bulk scheduling, confirmed, an hour ahead: the scheduler steps then find it due. */
class BulkSchedule extends Step {
  override async act(_m: Model, r: Real) {
    const res = await r.editor.submit("/admin/temoignages", "/admin/temoignages/lot/appliquer", { ids: String(r.storyId), action: "schedule", publishAt: parisInAnHour(r) });
    expect(res.status).toBe(200);
  }
  override toString = () => "bulk schedule";
}

/** An hour ahead, Paris time as the forms take it. */
const parisInAnHour = (r: Real) => new Date(r.clock.now().getTime() + 3_600_000).toLocaleString("sv-SE", { timeZone: "Europe/Paris" }).slice(0, 16).replace(" ", "T");

class Schedule extends Step {
  override async act(_m: Model, r: Real) {
    expect([303, 422]).toContain((await status(r, { action: "schedule", publishAt: parisInAnHour(r) })).status);
  }
  override toString = () => "schedule";
}

class RunScheduler extends Step {
  override async act(_m: Model, r: Real) {
    r.clock.advance(120);
    await r.t.app.runScheduledTasks();
  }
  override toString = () => "time passes, scheduler runs";
}

class Unpublish extends Step {
  override async act(_m: Model, r: Real) {
    expect([303, 422]).toContain((await status(r, { action: "unpublish" })).status);
  }
  override toString = () => "unpublish";
}

class Restore extends Step {
  constructor(readonly pick: number) {
    super();
  }
  override async act(m: Model, r: Real) {
    const revisions = await r.t.deps.db.selectFrom("story_revisions").select(["id", "snapshot"]).where("story_id", "=", r.storyId).orderBy("id").execute();
    const chosen = revisions[this.pick % revisions.length];
    if (!chosen) return;
    const res = await r.editor.submit(`/admin/temoignages/${r.storyId}/revisions`, `/admin/temoignages/${r.storyId}/revisions/${chosen.id}/restaurer`, {});
    expect(res.status).toBe(303);
    const snapshot = JSON.parse(chosen.snapshot) as { standfirst: string; credit: { name: string }; contentNotes?: string[] };
    // The first revision is the draft made from the contribution, before the editor marked its content notes.
    m.working = { text: /qzt\d{5}/.exec(snapshot.standfirst)?.[0] ?? "", credit: /qzc\d{5}/.exec(snapshot.credit.name)?.[0] ?? "", notes: (snapshot.contentNotes ?? []).length > 0 };
  }
  override toString = () => `restore revision #${this.pick}`;
}

/**
 * An import (the WordPress importer) runs with a post at the story's own address, carrying marker
 * words no one approved in its body: it makes or updates a story of its own, never the
 * contribution's, and what it publishes goes through the same door.
 */
class ImportWordPress extends Step {
  constructor(readonly post: number) {
    super();
  }
  override async act(_m: Model, r: Real) {
    const text = marker("qzi");
    // The story's address now: a restored revision may have moved it.
    const { slug } = await r.t.deps.db.selectFrom("stories").select("slug").where("id", "=", r.storyId).executeTakeFirstOrThrow();
    const file = path.join(os.tmpdir(), `entrepairs-invariant-${process.pid}-${r.storyId}.xml`);
    fs.writeFileSync(
      file,
      `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><wp:wxr_version>1.2</wp:wxr_version><wp:base_blog_url>https://invariant.example</wp:base_blog_url>` +
        `<item><title>Un récit venu d'ailleurs</title><link>https://invariant.example/${slug}/</link><dc:creator>equipe</dc:creator><content:encoded><![CDATA[<p>Un texte ${text} jamais approuvé.</p>]]></content:encoded><excerpt:encoded><![CDATA[Un chapô sans marque.]]></excerpt:encoded><wp:post_id>${this.post}</wp:post_id><wp:post_date_gmt>2026-11-01 09:00:00</wp:post_date_gmt><wp:post_name>${slug}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><category domain="category" nicename="suicide"><![CDATA[Suicide]]></category></item></channel></rss>`,
    );
    await importFixture(r.t, null, {}, file);
    fs.rmSync(file, { force: true });
  }
  override toString = () => `import a WordPress post #${this.post}`;
}

const PUBLIC_PAGES = ["/", "/temoignages", "/themes", "/flux.xml", "/sitemap.xml", "/podcast.xml"];

/** How many times a run's story page was found public: the property must not hold only because nothing was ever published. */
let storyPagesSeen = 0;

/**
 * Every marker readers can find, on every public page and feed, and the story's public page
 * (found by the story, not by an address: a restored revision can move it, and an imported
 * post may then take the old one).
 */
async function checkPublicPages(m: Model, r: Real) {
  // Approved, and signed when it carries content notes.
  const allowed = [...m.approved].filter((k) => m.signed.has(k) || k.endsWith("|none"));
  const allowedTexts = new Set(allowed.map((k) => k.split("|")[0]));
  const allowedCredits = new Set(allowed.map((k) => k.split("|")[1]));
  const released = await r.t.deps.db.selectFrom("published_stories").select("slug").where("story_id", "=", r.storyId).executeTakeFirst();
  const storyPage = released ? `/temoignages/${released.slug}` : null;
  let releasedText: string | null = null;
  for (const path of new Set([...PUBLIC_PAGES, `/temoignages/${r.slug}`, ...(storyPage ? [storyPage] : [])])) {
    const res = await fetch(r.t.url + path);
    const body = await res.text();
    for (const found of body.match(/qzt\d{5}/g) ?? []) expect(allowedTexts, `${path} shows unapproved or unsigned text ${found}`).toContain(found);
    for (const found of body.match(/qzc\d{5}/g) ?? []) expect(allowedCredits, `${path} shows an unapproved credit ${found}`).toContain(found);
    if (path === storyPage) {
      expect(res.status, `${path} is the story's released version`).toBe(200);
      // An import writes a story of its own, never the contribution's.
      expect(body).not.toMatch(/qzi\d{5}/);
      const text = body.match(/qzt\d{5}/)?.[0] ?? "";
      const credit = body.match(/qzc\d{5}/)?.[0] ?? "";
      // The page shows one whole version, not the text of one and the credit of another.
      expect(allowed.map((k) => k.split("|").slice(0, 2).join("|"))).toContain(`${text}|${credit}`);
      releasedText = text;
      storyPagesSeen++;
    }
  }
  // Search reads its own index, kept by the release door: a search for the text being edited, the
  // text last sent and the released one finds only approved and signed versions, and the released one.
  for (const text of new Set([m.working.text, m.sent?.text ?? m.working.text, releasedText ?? m.working.text])) {
    const res = await fetch(`${r.t.url}/recherche?q=${text}`);
    expect(res.status).toBe(200);
    // Only the results: the page repeats the query in its title and field.
    const results = (await res.text()).split('<ul class="cards">')[1]?.split("</ul>")[0] ?? "";
    for (const found of results.match(/qzt\d{5}/g) ?? []) expect(allowedTexts, `search for ${text} shows unapproved or unsigned text ${found}`).toContain(found);
    if (text === releasedText) expect(results, `search for ${text} finds the released version`).toContain(`href="${storyPage}"`);
  }
}

describe.each(DIALECTS)("what readers see on %s", (dialect) => {
  let t: TestApp;
  let editorEmail: string;
  let themeId: number;
  const approved = new Set<string>();
  const signed = new Set<string>();
  const clock = manualClock("2026-12-01T09:00:00.000Z");

  beforeAll(async () => {
    // Behind a (pretend) proxy, each run's author has an address of its own, so the intake's rate
    // limits (ten receipts in ten minutes per client) apply to each run separately.
    t = await startTestApp({ dialect, clock, env: { TRUST_PROXY: "on" } });
    editorEmail = await createAccount(t, "editor");
    const theme = await saveTheme({ db: t.deps.db, clock }, null, { name: "Marcher", slug: "marcher", description: "", position: 1 });
    if (!theme.ok) throw new Error("thème non créé");
    themeId = theme.id;
  });
  afterAll(() => t.close());

  it("is always a version its author approved and an editor signed, whatever is done in whatever order", async () => {
    let run = 0;
    storyPagesSeen = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.commands(
          [
            fc.constant(new EditText()),
            fc.constant(new EditCredit()),
            fc.constant(new SendForApproval()),
            fc.constant(new SendAndApprove()),
            fc.constant(new Approve()),
            fc.constant(new Sign()),
            fc.constant(new Publish()),
            fc.constant(new BulkPublish()),
            fc.constant(new BulkTheme()),
            fc.constant(new BulkSchedule()),
            fc.constant(new Schedule()),
            fc.constant(new RunScheduler()),
            fc.constant(new Unpublish()),
            fc.nat(20).map((n) => new Restore(n)),
            fc.nat(2).map((n) => new ImportWordPress(n + 1)),
          ],
          { size: "+1", maxCommands: 18 },
        ),
        async (commands) => {
          const title = `Récit témoin ${++run} ${dialect}`;
          const author = new Browser(t.url, { "x-forwarded-for": `10.9.${run}.1` });
          // Sessions expire with the clock the scheduler steps move: a fresh one each run.
          const editor = new Browser(t.url, { "x-forwarded-for": "10.8.0.1" });
          await editor.signInDirectly(t, editorEmail);
          const sent = await contribute(author, { title, body: "Le texte d'origine.", creditKind: "pseudonym", creditName: "Camille B." });
          await openFollowUp(author, sent.receipt);
          const submissionId = await submissionIdByTitle(t, title);
          const drafted = await editor.submit(`/admin/contributions/${submissionId}`, `/admin/contributions/${submissionId}/brouillon`, {});
          const storyId = Number(/\/admin\/temoignages\/(\d+)/.exec(drafted.headers.get("location") ?? "")?.[1]);
          const real: Real = { t, clock, editor, author, receipt: sent.receipt, storyId, submissionId, slug: "", themeId };
          const first: Version = { text: marker("qzt"), credit: marker("qzc"), notes: true };
          // Content notes make the checklist necessary; a fixed address keeps the page findable.
          await saveWorkingCopy(real, {
            slug: `recit-temoin-${dialect}-${run}`,
            standfirst: `Chapô ${first.text}.`,
            body: `Un récit ${first.text} écrit avec la personne.`,
            creditKind: "pseudonym",
            creditName: `Camille ${first.credit}`,
            contentNotes: "suicide",
          });
          real.slug = `recit-temoin-${dialect}-${run}`;
          // Each run starts from the common case: this first version sent, approved, signed and published.
          // Approvals and signatures of earlier runs stay: their stories are still on the public pages.
          const model: Model = { working: first, sent: null, approved, signed, texts: new Set([first.text]), credits: new Set([first.credit]) };
          await new SendAndApprove().act(model, real);
          await new Sign().act(model, real);
          expect((await status(real, { action: "publish" })).status).toBe(303);
          await checkPublicPages(model, real);
          await fc.asyncModelRun(() => ({ model, real }), commands);
        },
      ),
      { numRuns: 10, endOnFailure: true },
    );
    expect(storyPagesSeen).toBeGreaterThan(10);
    // Ten runs of up to eighteen steps, each followed by every public page and three searches.
  }, 180_000);
});
