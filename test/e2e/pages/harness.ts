import fs from "node:fs";
import { createRequire } from "node:module";
import type { AxeResults, Result } from "axe-core";
import { describe, expect, it } from "vitest";
import { HtmlValidate, type Message } from "html-validate";
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page, type Response } from "playwright-core";
import { TEST_PASSWORD, type TestApp } from "../../support/test-app.js";

/**
 * Debian's Chromium, never a downloaded one; no background traffic that would pollute the request
 * log. A suite may add its own switches (a fake microphone for the recorder).
 */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu", ...extraArgs],
  });
}

/** A context that fails fast instead of hanging when an expected element never shows up. */
export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: "fr-FR", ...options });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  return context;
}

// --- axe-core -------------------------------------------------------------------------------

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Injects axe-core's own source into the page and runs the WCAG 2.1 A/AA rules on the whole document. */
export async function runAxe(page: Page): Promise<Result[]> {
  await page.evaluate(axeSource);
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<AxeResults> } }).axe.run(document, {
        runOnly: { type: "tag", values: tags },
        resultTypes: ["violations"],
      }),
    WCAG_TAGS,
  );
  return results.violations;
}

/** One readable line per violation: rule id, help text and the selectors of every failing node. */
export function describeViolations(violations: Result[]): string[] {
  return violations.map((v) => `${v.id} (${v.impact ?? "?"}): ${v.help} — ${v.nodes.map((n) => n.target.map(String).join(" ")).join(" | ")}`);
}

/** The full axe explanation, node by node, for the failure message. */
export function explainViolations(violations: Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    - ${n.target.map(String).join(" ")}\n      ${n.html}\n      ${(n.failureSummary ?? "").replace(/\n/g, "\n      ")}`);
      return `${v.id} (${v.impact ?? "?"}): ${v.help}\n  ${v.helpUrl}\n${nodes.join("\n")}`;
    })
    .join("\n");
}

// --- html-validate --------------------------------------------------------------------------

const validator = new HtmlValidate({
  extends: ["html-validate:recommended"],
  rules: {
    // Preact writes void elements self-closed (<meta ... />), which HTML allows; the server
    // output's formatting is not ours to choose.
    "void-style": "off",
    // `<!doctype html>` is written in lower case by renderDocument; the doctype is
    // case-insensitive in HTML, so its letter case is a formatting preference, not validity.
    "doctype-style": "off",
    // A search-snippet length heuristic, not validity or accessibility: story pages are titled
    // with contributors' own titles, whose length the template cannot bound.
    "long-title": "off",
    // Groups of checkboxes sharing one name (themeIds, contentNotes) are valid HTML and the
    // server reads them as lists on purpose; duplicates among other controls are still errors.
    "form-dup-name": ["error", { shared: ["radio", "checkbox", "button", "reset", "submit"] }],
  },
});

export async function validateHtml(html: string): Promise<Message[]> {
  const report = await validator.validateString(html, "page.html");
  return report.results.flatMap((r) => r.messages).filter((m) => m.severity === 2);
}

/** One readable line per error: rule, element and message, with the source around it. */
export function describeHtmlErrors(errors: Message[], html: string): string[] {
  const lines = html.split("\n");
  return errors.map((m) => {
    const line = lines[m.line - 1] ?? "";
    const excerpt = line.slice(Math.max(0, m.column - 61), m.column + 80);
    return `${m.ruleId} at ${m.selector ?? `${m.line}:${m.column}`}: ${m.message} — …${excerpt}…`;
  });
}

// --- what a page does on the network and in the console ---------------------------------------

export type PageWatch = {
  requests: string[];
  problems: string[];
  /** Main-document responses, in order; the last one is the page on screen. */
  documents: Response[];
};

/**
 * Records every request the page makes and every console error, uncaught exception or CSP
 * violation. Chromium reports a document served with an error status (404, 410, 422) as a
 * console error "Failed to load resource"; that message is expected for the page under test
 * and is kept out of `problems` only when it matches such a document response.
 */
export async function watch(page: Page): Promise<PageWatch> {
  const w: PageWatch = { requests: [], problems: [], documents: [] };
  page.on("request", (req) => {
    w.requests.push(req.url());
  });
  page.on("response", (res) => {
    if (res.request().isNavigationRequest() && res.frame() === page.mainFrame()) w.documents.push(res);
  });
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const text = msg.text();
    const url = msg.location().url;
    const failedDocument = /^Failed to load resource: the server responded with a status of (\d{3})/.exec(text);
    if (failedDocument && w.documents.some((d) => d.url() === url && String(d.status()) === failedDocument[1])) return;
    w.problems.push(`console error: ${text}${url ? ` (${url})` : ""}`);
  });
  page.on("pageerror", (error) => {
    w.problems.push(`uncaught exception: ${error.message}`);
  });
  // A listener installed before any page script: CSP violations also surface as events.
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
    });
  });
  return w;
}

/** Requests whose origin is not the test server's. */
export function foreignRequests(w: PageWatch, origin: string): string[] {
  return w.requests.filter((url) => {
    try {
      return new URL(url).origin !== origin;
    } catch {
      return true;
    }
  });
}

// --- back office ----------------------------------------------------------------------------

/** Signs in through the login form, as a person would; resolves on the dashboard. */
export async function signIn(page: Page, baseUrl: string, email: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/admin/connexion`);
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await Promise.all([page.waitForURL(`${baseUrl}/admin`), page.getByRole("button", { name: "Se connecter" }).click()]);
}

// --- page audits --------------------------------------------------------------------------------

export type AuditEnv = { t: TestApp; browser: Browser };

export type PageAudit<E> = {
  name: string;
  /** Who looks at the page; see each suite's own list. */
  as: string;
  status: number;
  /** Brings the page on screen; the last document response is the page audited. */
  open(page: Page, env: E): Promise<unknown>;
};

type Visit = { status: number; url: string; html: string; violations: Result[]; htmlErrors: Message[]; watched: PageWatch };

/** Opens each page once, whatever the number of checks made on it. */
function auditor<E extends AuditEnv>(env: () => E, contextOf: (as: string, env: E) => BrowserContext | undefined) {
  const visits = new Map<string, Promise<Visit>>();
  async function run(audit: PageAudit<E>): Promise<Visit> {
    const e = env();
    const shared = contextOf(audit.as, e);
    const context = shared ?? (await newContext(e.browser));
    const page = await context.newPage();
    try {
      const watched = await watch(page);
      await audit.open(page, e);
      await page.waitForLoadState("load");
      const doc = watched.documents.at(-1);
      if (!doc) throw new Error(`${audit.name} : aucun document chargé`);
      const html = await doc.text();
      // The validator works in Node while axe works in the browser: both at once.
      const [violations, htmlErrors] = await Promise.all([runAxe(page), validateHtml(html)]);
      return { status: doc.status(), url: page.url(), html, violations, htmlErrors, watched };
    } finally {
      await page.close();
      if (!shared) await context.close();
    }
  }
  return (audit: PageAudit<E>) => {
    let visit = visits.get(audit.name);
    if (!visit) {
      visit = run(audit);
      visits.set(audit.name, visit);
    }
    return visit;
  };
}

/**
 * Audits each page four ways — status, axe-core (WCAG 2.1 A and AA), html-validate on the HTML as
 * the server sent it, and the browser's record of requests and console errors — opening it once.
 * `contextOf` gives the shared context a page is seen from; a page with none gets a fresh context.
 */
export function auditPages<E extends AuditEnv>(pages: PageAudit<E>[], env: () => E, contextOf: (as: string, env: E) => BrowserContext | undefined) {
  const visit = auditor(env, contextOf);
  for (const audit of pages) {
    describe(audit.name, () => {
      it(`is served with status ${audit.status}`, async () => {
        const v = await visit(audit);
        expect(v.status, v.url).toBe(audit.status);
      });

      it("has no WCAG 2.1 A or AA violation found by axe-core", async () => {
        const v = await visit(audit);
        expect(describeViolations(v.violations), `axe violations on ${v.url}:\n${explainViolations(v.violations)}`).toEqual([]);
      });

      it("is valid HTML as sent by the server", async () => {
        const v = await visit(audit);
        expect(describeHtmlErrors(v.htmlErrors, v.html), `html-validate errors on ${v.url}`).toEqual([]);
      });

      it("requests nothing from another origin and reports no console error or CSP violation", async () => {
        const v = await visit(audit);
        const origin = new URL(env().t.url).origin;
        expect(foreignRequests(v.watched, origin), `third-party requests on ${v.url}`).toEqual([]);
        expect(v.watched.requests.length).toBeGreaterThan(0);
        expect(v.watched.problems, `console on ${v.url}`).toEqual([]);
      });
    });
  }
}

