/**
 * Hostile text, in two parts. Run by `npm run bench`; never part of `npm test`.
 *
 * 1. The Markdown renderer on the worst inputs we know, 200,000 characters each, against the
 *    renderer as it was before its step budget (markdown-it and the French typography pass, in
 *    one go); then fast-check searches random repetitions of Markdown fragments for slower ones.
 *    Figures are CPU time of this process (the best of a few runs), so other load on the machine
 *    moves them less than wall time.
 * 2. The real server: two clients looping on the follow-up page of a contribution whose 50,000
 *    characters are the worst input, then two editors looping on the live preview with a new
 *    hostile 200,000-character text each time (nothing can come from a cache), while one reader
 *    loads /aide one request after another. Its latency is compared with the same reader alone.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import fc from "fast-check";
import MarkdownIt from "markdown-it";
import { renderMarkdown } from "../src/platform/html/markdown.js";
import { frenchTypography } from "../src/platform/i18n/typography.js";
import { ensureBuild, log, ROOT, seed, startApp, stopAllChildren } from "./lib.js";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const SIZE = 200_000;
const CONTRIBUTION_SIZE = 50_000;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-bench-text-"));

// --- 1. the renderer ---------------------------------------------------------------------------

/** The renderer as it was before the budget: one markdown-it pass over the whole text. */
const before = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });
before.disable(["image"]);
before.core.ruler.push("french_typography", (state) => {
  for (const block of state.tokens) for (const token of block.children ?? []) if (token.type === "text") token.content = frenchTypography(token.content);
});

const repeat = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
const KNOWN: Record<string, string> = {
  "_[": "_[",
  "*[": "*[",
  "[": "[",
  "[ and blank line": "[\n\n",
  "a, line break": "a\n",
  "- a (list)": "- a\n",
  "nested list": Array.from({ length: 20 }, (_, i) => `${"  ".repeat(i)}- a\n`).join(""),
  "19 nested quotes": `${">".repeat(19)} x\n\n`,
  table: "|x|y|\n",
  "wide table": `${"|x".repeat(100)}|\n`,
  "[x]: y (references)": "[x]: y\n",
  "**_": "**_",
  "`a``": "`a``",
  "~~a": "~~a",
  "< and &#": "<&#",
  "honest prose": "Je suis arrivée au groupe un mardi. On m'a proposé un café ; j'ai dit oui !\n\n",
};
const inputOf = (name: string, unit: string) => (name === "table" ? `|a|b|\n|-|-|\n${repeat(unit, SIZE - 12)}` : repeat(unit, SIZE));

let unique = 0;
/** Best CPU time of `runs` renders, each of a text never rendered before (the renderer caches by content). */
function cpuMs(render: (text: string) => string, text: string, runs = 3): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    unique += 1;
    const fresh = `${unique}\n\n${text}`;
    const start = process.cpuUsage();
    render(fresh);
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}
const now = (text: string) => renderMarkdown(text);
const then = (text: string) => before.render(text);

function rendererFigures(): string {
  // Warm both renderers up, so the first row does not carry the compilation.
  for (let i = 0; i < 30; i++) {
    now(`${i} *a* [b](c)\n\n- x\n\n> q\n\n|a|b|\n|-|-|\n|c|d|`);
    then(`${i} *a* [b](c)`);
  }
  const rows = Object.entries(KNOWN).map(([name, unit]) => {
    const text = inputOf(name, unit);
    log(`renderer: ${name}`);
    return { name, before: cpuMs(then, text, 2), after: cpuMs(now, text) };
  });

  log("renderer: fast-check looks for slower inputs");
  const fragment = fc.constantFrom("_", "*", "**", "[", "]", "(", ")", "`", "<", ">", "&#", "\\", "!", "~~", "|", "-", "#", "1.", " ", "\n", "\n\n", "a", "[]", "](", "    ");
  const unitOf = fc.array(fragment, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(""));
  const found = fc.sample(unitOf, { numRuns: 80, seed: 9 }).map((unit) => ({ unit, after: cpuMs(now, repeat(unit, SIZE), 1) }));
  const slowest = found.sort((a, b) => b.after - a.after).slice(0, 3);
  for (const s of slowest) s.after = cpuMs(now, repeat(s.unit, SIZE));
  const searched = slowest.map((s) => ({ name: `found: ${JSON.stringify(s.unit)}`, before: cpuMs(then, repeat(s.unit, SIZE), 1), after: s.after }));

  const all = [...rows, ...searched];
  const worst = Math.max(...all.map((r) => r.after));
  return [
    `### Markdown renderer, ${SIZE.toLocaleString("en-US")} characters of each input (CPU ms, best of 3)`,
    "",
    "| Input | Before (one markdown-it pass) | After (budget, pieces, plain past it) |",
    "|---|--:|--:|",
    ...all.map((r) => `| ${r.name} | ${r.before.toFixed(1)} | ${r.after.toFixed(1)} |`),
    "",
    `Worst after: ${worst.toFixed(1)} ms (fast-check tried 80 random repetitions of Markdown fragments; the three slowest are listed).`,
    "",
  ].join("\n");
}

// --- 2. the server -----------------------------------------------------------------------------

/** A visitor with its own cookies, as a browser keeps them. */
class Client {
  private cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  async request(pathname: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const res = await fetch(this.base + pathname, {
      method: init.method ?? (init.form ? "POST" : "GET"),
      headers: { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "), ...(init.form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      body: init.form ? new URLSearchParams(init.form) : undefined,
      redirect: "manual",
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return res;
  }

  async csrfOf(pathname: string): Promise<string> {
    const html = await (await this.request(pathname)).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!token) throw new Error(`no CSRF token on ${pathname}`);
    return token;
  }
}

type Latency = { requests: number; p50: number; p95: number; max: number };

/** One reader loading `pathname` again and again for `ms`: what a person sees. */
async function readerLatency(base: string, pathname: string, ms: number): Promise<Latency> {
  const times: number[] = [];
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const start = performance.now();
    const res = await fetch(base + pathname);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${pathname}: ${res.status}`);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { requests: times.length, p50: at(0.5), p95: at(0.95), max: at(1) };
}

/** `count` clients each sending `next()` one after another until `stop` resolves; returns the requests they made. */
async function loop(count: number, next: (i: number) => Promise<Response>, stop: Promise<void>): Promise<{ requests: number; failures: number }> {
  let stopped = false;
  void stop.then(() => {
    stopped = true;
  });
  let requests = 0;
  let failures = 0;
  await Promise.all(
    Array.from({ length: count }, async () => {
      while (!stopped) {
        const res = await next(requests);
        await res.arrayBuffer();
        requests += 1;
        if (res.status !== 200) failures += 1;
      }
    }),
  );
  return { requests, failures };
}

function createAdmin(dataDir: string, email: string, password: string): Promise<void> {
  const child = spawn(process.execPath, [path.join(ROOT, "bin", "entrepairs.js"), "create-admin", "--email", email, "--password", password], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "warn" },
    stdio: "ignore",
  });
  return new Promise((resolve, reject) => child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`create-admin: ${code}`)))));
}

async function serverFigures(worstUnit: string): Promise<string> {
  await ensureBuild();
  const dataDir = path.join(work, "data");
  fs.mkdirSync(dataDir);
  log("server: seeding the demo");
  await seed(dataDir, 0);
  const password = "une longue phrase pour mesurer le rendu";
  await createAdmin(dataDir, "editrice@exemple.fr", password);
  const app = await startApp(dataDir, true);
  try {
    /** A person who sent `body` and opened the follow-up page with the receipt, as the receipt page asks. */
    const contributor = async (body: string) => {
      const person = new Client(app.url);
      const sent = await person.request("/temoigner", {
        form: { _csrf: await person.csrfOf("/temoigner"), title: "Un texte", body, creditKind: "anonymous", channels: "site", consent: "1", action: "send" },
      });
      const receipt = /<strong>([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4})<\/strong>/.exec(await sent.text())?.[1];
      if (!receipt) throw new Error(`contribution refused (${sent.status})`);
      await person.request("/suivi", { form: { _csrf: await person.csrfOf("/suivi"), receipt } });
      if ((await person.request("/suivi/contribution")).status !== 200) throw new Error("follow-up page not reached");
      return person;
    };
    const hostile = await contributor(repeat(worstUnit, CONTRIBUTION_SIZE));
    const honest = await contributor(repeat(KNOWN["honest prose"] as string, CONTRIBUTION_SIZE).trim());

    const editor = new Client(app.url);
    const signedIn = await editor.request("/admin/connexion", { form: { _csrf: await editor.csrfOf("/admin/connexion"), email: "editrice@exemple.fr", password } });
    if (signedIn.status !== 303) throw new Error(`sign-in refused (${signedIn.status})`);
    const previewToken = await editor.csrfOf("/admin/temoignages/nouveau");
    const hostilePreview = repeat(worstUnit, SIZE - 40);

    const ms = seconds * 1000;
    log("server: /aide alone");
    const alone = await readerLatency(app.url, "/aide", ms);
    /** /aide while two clients send `next` one request after another. */
    const under = async (name: string, next: (i: number) => Promise<Response>) => {
      log(`server: /aide while ${name}`);
      let release: () => void = () => {};
      const looping = loop(2, next, new Promise<void>((r) => {
        release = r;
      }));
      const latency = await readerLatency(app.url, "/aide", ms);
      release();
      return { latency, loop: await looping };
    };
    const withHonest = await under("two clients loop on an honest follow-up page", () => honest.request("/suivi/contribution"));
    const withFollowUp = await under("two clients loop on the hostile follow-up page", () => hostile.request("/suivi/contribution"));
    const withPreview = await under("two editors loop on /admin/apercu with a new hostile text each time", (i) =>
      editor.request("/admin/apercu", { form: { _csrf: previewToken, body: `${i} ${Math.random()}\n\n${hostilePreview}` } }),
    );

    const looped = (l: { requests: number; failures: number }) => `${l.requests} requests, ${l.failures} not 200`;
    const row = (name: string, l: Latency, other: string) => `| ${name} | ${l.p50.toFixed(1)} | ${l.p95.toFixed(1)} | ${l.max.toFixed(1)} | ${l.requests} | ${other} |`;
    return [
      `### /aide while hostile text is rendered (${seconds} s each, one reader, one request at a time)`,
      "",
      `Worst input used: ${JSON.stringify(worstUnit)} repeated (${CONTRIBUTION_SIZE.toLocaleString("en-US")} characters in the contribution, ${SIZE.toLocaleString("en-US")} in the preview); the honest text is French prose of the same length.`,
      "",
      "| Load | /aide p50 ms | p95 ms | max ms | /aide requests | Looping clients |",
      "|---|--:|--:|--:|--:|---|",
      row("nothing else", alone, "–"),
      row("2 clients on the follow-up page of an honest text", withHonest.latency, looped(withHonest.loop)),
      row("2 clients on the follow-up page of the hostile text", withFollowUp.latency, looped(withFollowUp.loop)),
      row("2 editors on /admin/apercu, new hostile text each time", withPreview.latency, looped(withPreview.loop)),
      "",
      `/aide p50 with the hostile follow-up loop: × ${(withFollowUp.latency.p50 / withHonest.latency.p50).toFixed(1)} the honest one's, × ${(withFollowUp.latency.p50 / alone.p50).toFixed(1)} alone.`,
      "",
    ].join("\n");
  } finally {
    await app.stop();
  }
}

async function main() {
  const loadBefore = os.loadavg()[0] ?? 0;
  const renderer = rendererFigures();
  // The worst known input at the contribution's size, to put on the pages.
  const worstUnit = Object.entries(KNOWN)
    .filter(([name]) => name !== "honest prose")
    .map(([, unit]) => ({ unit, ms: cpuMs(now, repeat(unit, CONTRIBUTION_SIZE)) }))
    .sort((a, b) => b.ms - a.ms)[0]?.unit as string;
  const server = await serverFigures(worstUnit);
  process.stdout.write(
    `\n## Hostile text\n\n${os.cpus().length} CPU, Node ${process.version}; load average (1 min) ${loadBefore.toFixed(2)} before, ${os.loadavg()[0]?.toFixed(2)} after.\n\n${renderer}\n${server}`,
  );
}

main()
  .catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopAllChildren();
    fs.rmSync(work, { recursive: true, force: true });
  });
