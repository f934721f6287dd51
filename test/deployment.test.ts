import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { HtmlValidate } from "html-validate";
import pg from "pg";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { EPISODE_AUDIO_JOB } from "../src/podcasts/episode-audio.service.js";
import { makeMp3 } from "./support/audio.js";
import { createPostgresDatabase } from "./support/databases.js";
import { freePort } from "./support/free-port.js";
import { createTestBucket, s3Env } from "./support/s3.js";
import { Browser, TEST_PASSWORD } from "./support/test-app.js";

// The deployment docs/deploying.md describes, for real: Debian's nginx with the site file
// deploy/nginx/entrepairs.conf in front of two instances started as deploy/systemd/entrepairs@.service
// starts them (the compiled `bin/entrepairs.js serve`, the unit's environment), one PostgreSQL
// database and the test S3 server. Each instance is killed with SIGKILL, as a crash would.

const ROOT = path.resolve(".");
const SITE_FILE = path.join(ROOT, "deploy/nginx/entrepairs.conf");
const UNIT_FILE = path.join(ROOT, "deploy/systemd/entrepairs@.service");
const ENV_EXAMPLE = path.join(ROOT, "deploy/systemd/entrepairs.env.example");
const ERROR_PAGES = path.join(ROOT, "deploy/nginx/errors");
const NGINX = "/usr/sbin/nginx";
const START_TIMEOUT_MS = 30_000;
const LOAD_CLIENTS = 8;
/** Acknowledged writes each phase of the load run waits for (before the kill, while down, after the restart). */
const ENOUGH_WRITES = 20;

/** What the unit file says about starting an instance. */
type Unit = { workingDirectory: string; environmentFile: string; environment: string[]; execStart: string[] };

function readUnit(text: string): Unit {
  const service = text.split(/^\[Service\]$/m)[1]?.split(/^\[/m)[0] ?? "";
  const values = (key: string) => [...service.matchAll(new RegExp(`^${key}=(.*)$`, "gm"))].map((m) => (m[1] as string).trim());
  const one = (key: string) => {
    const [value, ...others] = values(key);
    if (value === undefined || others.length > 0) throw new Error(`${key} : une seule ligne attendue dans ${UNIT_FILE}`);
    return value;
  };
  return { workingDirectory: one("WorkingDirectory"), environmentFile: one("EnvironmentFile"), environment: values("Environment"), execStart: one("ExecStart").split(/\s+/) };
}

/** `KEY=value` lines as systemd's EnvironmentFile reads them (comments, blank lines, optional quotes). */
function readEnvironment(lines: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of lines.map((l) => l.trim())) {
    if (line === "" || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    env[line.slice(0, eq)] = line.slice(eq + 1).replace(/^"(.*)"$/, "$1");
  }
  return env;
}

type Instance = { port: number; url: string; child: ChildProcess; exited: Promise<void>; output: () => string };

describe("two instances behind nginx, deployed with the files in deploy/", () => {
  let dir: string;
  let unit: Unit;
  /** The EnvironmentFile: the example, with this test's database, bucket and address. */
  let environmentFile: Record<string, string>;
  const ports = { http: 0, https: 0, a: 0, b: 0 };
  const instances = new Map<number, Instance>();
  let nginx: ChildProcess;
  let site = "";
  let db: pg.Client;
  let admin: Browser;
  const accessLog = () => fs.readFileSync(path.join(dir, "logs/entrepairs.access.log"), "utf8");

  /** Starts `entrepairs@<port>` as systemd would: the unit's command and environment, its state folder. */
  async function startInstance(port: number): Promise<Instance> {
    // systemd's specifiers: %i the instance (its port), %S the state root (/var/lib), here the test's folder.
    const expand = (s: string) => s.replaceAll("%i", String(port)).replaceAll("%S", path.join(dir, "state"));
    const env: Record<string, string> = { PATH: process.env.PATH ?? "/usr/bin:/bin", ...environmentFile, ...readEnvironment(unit.environment.map(expand)) };
    fs.mkdirSync(env.DATA_DIR as string, { recursive: true, mode: 0o700 });
    const [, ...args] = unit.execStart.map(expand);
    // Its own process group, so a kill takes its ffmpeg too, as systemd's KillMode=control-group does.
    const child = spawn(process.execPath, args, { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (d: Buffer) => {
      output = (output + d).slice(-4000);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const instance = { port, url: `http://127.0.0.1:${port}`, child, exited, output: () => output };
    instances.set(port, instance);
    await waitUntilAnswering(`${instance.url}/aide`, () => child.exitCode !== null || child.signalCode !== null, () => output);
    return instance;
  }

  async function kill(port: number): Promise<void> {
    const instance = instances.get(port);
    if (!instance) return;
    instances.delete(port);
    if (instance.child.exitCode === null && instance.child.signalCode === null) process.kill(-(instance.child.pid as number), "SIGKILL");
    await instance.exited;
  }

  /** Answers through nginx, over TLS. */
  const viaNginx = (pathname: string, init: RequestInit = {}) => fetch(`https://127.0.0.1:${ports.https}${pathname}`, { redirect: "manual", ...init });

  /**
   * A POST through nginx announcing `bytes` of body, of which only the first 64 KiB are sent: nginx
   * judges the announced length, so its answer comes without the rest.
   */
  function postAnnouncing(pathname: string, bytes: number, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
    return new Promise((resolve, reject) => {
      const req = https.request(
        { host: "127.0.0.1", port: ports.https, path: pathname, method: "POST", rejectUnauthorized: false, headers: { "content-type": "application/octet-stream", "content-length": String(bytes), ...headers } },
        (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (d: string) => {
            body += d;
          });
          res.on("end", () => {
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
            req.destroy();
          });
        },
      );
      req.on("error", reject);
      req.write(Buffer.alloc(64 * 1024));
    });
  }

  /** The story form, posted as the editor's browser does (multipart, its token in the address). */
  async function postStory(browser: Browser, token: string, fields: Record<string, string>, signal?: AbortSignal): Promise<Response> {
    const form = new FormData();
    const story = { slug: "", kind: "article", format: "single", standfirst: "Un chapô.", body: "Un texte.", creditKind: "pseudonym", creditName: "Ortie", creditAge: "", seriesId: "", seriesPosition: "", coverImageId: "", coverAlt: "", action: "save", ...fields };
    for (const [k, v] of Object.entries(story)) form.append(k, v);
    return fetch(`${browser.baseUrl}/admin/temoignages?_csrf=${encodeURIComponent(token)}`, { method: "POST", headers: { cookie: browser.cookieHeader() }, body: form, redirect: "manual", signal });
  }

  async function csrfOf(browser: Browser, page = "/admin/temoignages/nouveau"): Promise<string> {
    const { html } = await browser.getText(page);
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!token) throw new Error(`Pas de jeton CSRF sur ${page}`);
    return token;
  }

  /** An editor's browser talking to one instance directly, signed in as the admin. */
  const direct = (port: number) => {
    const browser = new Browser(`http://127.0.0.1:${port}`);
    browser.useCookiesOf(admin);
    return browser;
  };

  const createdId = (res: Response) => Number(/^\/admin\/temoignages\/(\d+)\?ok=cree$/.exec(res.headers.get("location") ?? "")?.[1] ?? Number.NaN);

  beforeAll(async () => {
    if (!fs.existsSync(path.join(ROOT, "dist/cli/main.js"))) throw new Error("Le serveur n'est pas compilé : lancez « npm run build » (npm ci le fait).");
    // A self-signed certificate for the site's TLS server; the test's requests do not check it.
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-deploy-"));
    fs.mkdirSync(path.join(dir, "logs"));
    for (const key of ["http", "https", "a", "b"] as const) ports[key] = await freePort();
    unit = readUnit(fs.readFileSync(UNIT_FILE, "utf8"));
    // What the test puts in place of the installation: this checkout, and the Node running the test.
    expect(unit.workingDirectory).toBe("/opt/entrepairs");
    expect(unit.execStart.slice(0, 2)).toEqual(["/usr/bin/node", "bin/entrepairs.js"]);
    const databaseUrl = await createPostgresDatabase();
    environmentFile = {
      ...readEnvironment(fs.readFileSync(ENV_EXAMPLE, "utf8").split("\n")),
      BASE_URL: `https://127.0.0.1:${ports.https}`,
      DATABASE_URL: databaseUrl,
      ...s3Env(await createTestBucket()),
      LIMITS_SECRET: "un-secret-commun-aux-deux-instances-du-test",
      SMTP_URL: "",
      MAIL_FROM: "ne-pas-repondre@localhost",
      LOG_LEVEL: "warn",
      // A crashed instance's job is taken again after 3 s without news instead of 10 minutes.
      JOB_LEASE_SECONDS: "3",
    };

    // The site file with its placeholders filled in, as docs/deploying.md tells operators to.
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=localhost", "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")], { stdio: "ignore" });
    const placeholders: Record<string, string> = {
      SERVER_NAME: "localhost 127.0.0.1",
      HTTP_PORT: String(ports.http),
      HTTPS_PORT: String(ports.https),
      INSTANCE_1_PORT: String(ports.a),
      INSTANCE_2_PORT: String(ports.b),
      TLS_CERTIFICATE: path.join(dir, "cert.pem"),
      TLS_CERTIFICATE_KEY: path.join(dir, "key.pem"),
      LOG_DIR: path.join(dir, "logs"),
      APP_DIR: ROOT,
    };
    site = fs.readFileSync(SITE_FILE, "utf8").replace(/@([A-Z0-9_]+)@/g, (_, name: string) => {
      const value = placeholders[name];
      if (value === undefined) throw new Error(`@${name}@ : valeur inconnue du test`);
      return value;
    });
    fs.writeFileSync(path.join(dir, "entrepairs.conf"), site);
    // The rest of what Debian's /etc/nginx/nginx.conf gives the site, with every path in the test's folder.
    const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `${t}_temp_path ${path.join(dir, `${t}-temp`)};`).join("\n  ");
    fs.writeFileSync(
      path.join(dir, "nginx.conf"),
      `${process.getuid?.() === 0 ? "user root root;\n" : ""}daemon off;
worker_processes 1;
pid ${path.join(dir, "nginx.pid")};
error_log ${path.join(dir, "logs/nginx-error.log")} warn;
events { worker_connections 512; }
http {
  ${temp}
  include ${path.join(dir, "entrepairs.conf")};
}
`,
    );
    nginx = spawn(NGINX, ["-p", dir, "-e", path.join(dir, "logs/nginx-error.log"), "-c", path.join(dir, "nginx.conf")], { stdio: ["ignore", "ignore", "pipe"] });

    // The first administrator, made by the command line with the same settings (it migrates the schema first).
    execFileSync(process.execPath, ["bin/entrepairs.js", "create-admin", "--email", "admin@exemple.fr", "--password", TEST_PASSWORD], { cwd: ROOT, env: { PATH: process.env.PATH, ...environmentFile }, stdio: "ignore" });
    await Promise.all([startInstance(ports.a), startInstance(ports.b)]);
    await waitUntilAnswering(`https://127.0.0.1:${ports.https}/aide`, () => nginx.exitCode !== null, () => fs.readFileSync(path.join(dir, "logs/nginx-error.log"), "utf8"));
    admin = new Browser(`https://127.0.0.1:${ports.https}`);
    await admin.signIn("admin@exemple.fr");
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    for (const port of [...instances.keys()]) await kill(port);
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx.once("exit", resolve));
      nginx.kill("SIGQUIT");
      await exited;
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("fills every placeholder of the site file, serves over TLS and sends plain HTTP there", async () => {
    expect(site).not.toMatch(/@[A-Z0-9_]+@/);
    const res = await fetch(`http://127.0.0.1:${ports.http}/temoignages`, { redirect: "manual" });
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe("https://127.0.0.1/temoignages");
    expect((await viaNginx("/aide")).status).toBe(200);
  });

  it("answers a body above nginx's limit with the site's page in French, or in English when asked, saying the limits", async () => {
    const french = fs.readFileSync(path.join(ERROR_PAGES, "413.fr.html"), "utf8");
    const english = fs.readFileSync(path.join(ERROR_PAGES, "413.en.html"), "utf8");
    const MiB = 1024 * 1024;
    // Each part of the site just past its limit: public pages, the back office, the import.
    const cases = [
      { path: "/temoigner", bytes: 62 * MiB + 1, language: undefined, page: french, lang: "fr" },
      { path: "/temoigner", bytes: 62 * MiB + 1, language: "fr-FR,fr;q=0.9,en;q=0.8", page: french, lang: "fr" },
      { path: "/temoigner", bytes: 62 * MiB + 1, language: "en-GB,en;q=0.9", page: english, lang: "en" },
      { path: "/admin/temoignages", bytes: 402 * MiB + 1, language: undefined, page: french, lang: "fr" },
      { path: "/admin/import", bytes: 2150 * MiB + 1, language: "en", page: english, lang: "en" },
    ];
    for (const c of cases) {
      const res = await postAnnouncing(c.path, c.bytes, c.language ? { "accept-language": c.language } : {});
      expect(res.status, `${c.path} ${c.language}`).toBe(413);
      expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(res.headers["content-language"]).toBe(c.lang);
      expect(res.headers["content-security-policy"]).toMatch(/default-src 'none'/);
      expect(res.body).toBe(c.page);
    }
    // The pages state the site file's limits, whatever they become.
    const limits = [...site.matchAll(/client_max_body_size (\d+)m;/g)].map((m) => m[1] as string);
    expect(limits).toEqual(["62", "402", "2150"]);
    for (const mib of limits) {
      expect(french).toContain(`${mib.replace(/\B(?=(\d{3})+$)/g, " ")} Mo`);
      expect(english).toContain(`${mib.replace(/\B(?=(\d{3})+$)/g, ",")} MB`);
    }
    expect(french).toContain("Revenez à la page précédente");
    // Nothing fetched from anywhere: every address is the site's own, and valid HTML.
    const validator = new HtmlValidate({ extends: ["html-validate:recommended"], rules: { "void-style": "off", "doctype-style": "off" } });
    for (const page of [french, english]) {
      expect([...page.matchAll(/\b(?:href|src|action)="([^"]*)"/g)].map((m) => m[1]).filter((url) => !/^\/(?!\/)/.test(url as string))).toEqual([]);
      expect(page).not.toMatch(/url\(|@import|<script|<img|<link/);
      const report = await validator.validateString(page, "413.html");
      expect(report.results.flatMap((r) => r.messages).map((m) => `${m.ruleId}: ${m.message}`)).toEqual([]);
    }
    // The page is not reachable from outside.
    expect((await viaNginx("/_nginx-errors/413.fr.html")).status).toBe(404);
  });

  it("loses no acknowledged write while an instance is killed with SIGKILL and restarted under load, and fails only requests in flight at the kill", async () => {
    // A plain loop of concurrent clients through nginx: each reads the listing, then creates a story
    // (answered 303 only after its transaction committed), one request at a time, so no more than
    // LOAD_CLIENTS requests can be in flight when the instance dies.
    type Done = { kind: "read" | "write"; start: number; end: number; ok: boolean; title?: string; status: string };
    const done: Done[] = [];
    const stop = new AbortController();
    const client = async (n: number) => {
      const browser = new Browser(admin.baseUrl);
      browser.useCookiesOf(admin);
      const token = await csrfOf(browser);
      for (let seq = 0; !stop.signal.aborted; seq++) {
        let start = performance.now();
        try {
          const res = await fetch(`${browser.baseUrl}/temoignages`, { signal: AbortSignal.timeout(10_000) });
          await res.arrayBuffer();
          done.push({ kind: "read", start, end: performance.now(), ok: res.status === 200, status: String(res.status) });
        } catch (err) {
          done.push({ kind: "read", start, end: performance.now(), ok: false, status: String(err) });
        }
        const title = `Charge ${n}-${seq}`;
        start = performance.now();
        try {
          const res = await postStory(browser, token, { title }, AbortSignal.timeout(10_000));
          await res.arrayBuffer();
          done.push({ kind: "write", start, end: performance.now(), ok: res.status === 303 && Number.isInteger(createdId(res)), title, status: String(res.status) });
        } catch (err) {
          done.push({ kind: "write", start, end: performance.now(), ok: false, title, status: String(err) });
        }
      }
    };
    const clients = Array.from({ length: LOAD_CLIENTS }, (_, n) => client(n));
    // Phases end on what happened rather than on time alone, so a busy machine cannot make them empty.
    const acknowledgedSince = (t: number) => done.filter((d) => d.kind === "write" && d.ok && d.start > t).length;
    await until(() => acknowledgedSince(0) >= ENOUGH_WRITES && writesBy(accessLog(), ports.a) > 0 && writesBy(accessLog(), ports.b) > 0);
    const logBeforeKill = accessLog().length;
    const killedAt = performance.now();
    await kill(ports.a);
    // The signal is sent at killedAt and the process is seen gone at deadAt: in between it may still take a request.
    const deadAt = performance.now();
    await until(() => acknowledgedSince(deadAt) >= ENOUGH_WRITES);
    await startInstance(ports.a);
    const logAtRestart = accessLog().length;
    await until(() => writesBy(accessLog().slice(logAtRestart), ports.a) >= ENOUGH_WRITES);
    stop.abort();
    await Promise.all(clients);

    const stored = new Set((await db.query<{ title: string }>("select title from stories where title like 'Charge %'")).rows.map((r) => r.title));
    const acknowledged = done.filter((d) => d.kind === "write" && d.ok);
    const failed = done.filter((d) => !d.ok);
    const inFlightAtKill = (d: Done) => d.start <= deadAt && d.end >= killedAt;
    const failures: Record<string, number> = {};
    for (const d of failed) failures[`${d.kind} ${d.status}`] = (failures[`${d.kind} ${d.status}`] ?? 0) + 1;
    console.log(`deployment load run: ${acknowledged.length} writes acknowledged, ${done.filter((d) => d.kind === "read" && d.ok).length} reads served, failed ${JSON.stringify(failures)}, instance gone ${Math.round(deadAt - killedAt)} ms after the signal`);

    expect(acknowledged.filter((d) => !stored.has(d.title as string)).map((d) => d.title)).toEqual([]);
    const late = failed.filter((d) => !inFlightAtKill(d)).map((d) => `${d.kind} ${d.status} from ${Math.round(d.start - killedAt)} to ${Math.round(d.end - killedAt)} ms after the kill`);
    expect(late, `failures of requests not in flight at the kill (dead ${Math.round(deadAt - killedAt)} ms after it)`).toEqual([]);
    expect(failed.length).toBeLessThanOrEqual(LOAD_CLIENTS);
    // Not a pass on nothing: writes acknowledged before the kill and while the instance was down,
    // both instances taking writes before the kill, and the restarted one taking them again.
    expect(acknowledged.filter((d) => d.end < killedAt).length).toBeGreaterThanOrEqual(ENOUGH_WRITES);
    expect(acknowledgedSince(deadAt)).toBeGreaterThanOrEqual(ENOUGH_WRITES);
    const beforeKill = accessLog().slice(0, logBeforeKill);
    expect(writesBy(beforeKill, ports.a)).toBeGreaterThan(0);
    expect(writesBy(beforeKill, ports.b)).toBeGreaterThan(0);
    expect(writesBy(accessLog().slice(logAtRestart), ports.a)).toBeGreaterThanOrEqual(ENOUGH_WRITES);
  }, 120_000);

  it("shows a story published through one instance on the other at its next request", async () => {
    const onA = direct(ports.a);
    const onB = direct(ports.b);
    // B has the listing in its page cache.
    expect((await onB.getText("/temoignages")).html).not.toContain("publiee-sur-une-instance");
    expect((await onB.getText("/temoignages")).status).toBe(200);
    const created = await postStory(onA, await csrfOf(onA), { title: "Publiée sur une instance", slug: "publiee-sur-une-instance" });
    const id = createdId(created);
    const published = await onA.submit(`/admin/temoignages/${id}`, `/admin/temoignages/${id}/statut`, { action: "publish" });
    expect(published.status).toBe(303);
    // The commit's notification reaches B as it happens; allowed a moment to arrive on a loaded machine.
    await vi.waitFor(async () => expect((await onB.getText("/temoignages")).html).toContain("/temoignages/publiee-sur-une-instance"), { timeout: 2_000, interval: 50 });
    expect((await onB.getText("/temoignages/publiee-sur-une-instance")).status).toBe(200);
    expect((await viaNginx("/temoignages/publiee-sur-une-instance")).status).toBe(200);
  });

  it("serves on one instance, and through nginx, an image uploaded on the other", async () => {
    const onA = direct(ports.a);
    const jpeg = await sharp({ create: { width: 1200, height: 800, channels: 3, background: "#557799" } }).jpeg().toBuffer();
    const fields = { title: "Une couverture partagée", slug: "", kind: "article", format: "single", standfirst: "Un chapô.", body: "Un texte.", creditKind: "pseudonym", creditName: "Ortie", creditAge: "", seriesId: "", seriesPosition: "", coverImageId: "", coverAlt: "Un aplat bleu", action: "save" };
    const res = await onA.postMultipart("/admin/temoignages/nouveau", "/admin/temoignages", fields, { field: "cover", bytes: jpeg, name: "photo.jpg", type: "image/jpeg" });
    expect(res.status).toBe(303);
    const key = (await db.query<{ storage_key: string }>("select storage_key from images order by id desc limit 1")).rows[0]?.storage_key as string;
    const address = `/media/images/${key.replace(/^images\//, "")}/480.webp`;
    // The story is a draft: its cover is the team's until it is published, on every instance.
    const asEditor = { headers: { cookie: admin.cookieHeader() } };
    for (const served of [await fetch(`http://127.0.0.1:${ports.b}${address}`, asEditor), await viaNginx(address, asEditor)]) {
      expect(served.status).toBe(200);
      expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).width).toBe(480);
    }
    for (const refused of [await fetch(`http://127.0.0.1:${ports.b}${address}`), await viaNginx(address)]) expect(refused.status).toBe(404);
  });

  it("finishes on the other instance an episode's audio job that the first took and died with", async () => {
    const onA = direct(ports.a);
    const id = createdId(await postStory(onA, await csrfOf(onA), { title: "Un épisode repris", kind: "podcast" }));
    expect(Number.isInteger(id)).toBe(true);
    const { mp3 } = await makeMp3(120);
    const job = async () => (await db.query<{ state: string; attempts: number }>("select state, attempts from jobs where kind = $1 and subject = $2", [EPISODE_AUDIO_JOB, `story:${id}`])).rows[0];
    // Only A is up, so A takes the job.
    await kill(ports.b);
    const uploaded = await onA.postMultipart(`/admin/temoignages/${id}/episode`, `/admin/temoignages/${id}/episode/audio`, {}, { field: "audio", bytes: mp3, name: "episode.mp3", type: "audio/mpeg" });
    expect(uploaded.status).toBe(303);
    await vi.waitFor(async () => expect((await job())?.state).toBe("running"), { timeout: 20_000, interval: 20 });
    await kill(ports.a);
    // Cut mid-job: not finished, taken once.
    expect(await job()).toEqual({ state: "running", attempts: 1 });
    await startInstance(ports.b);
    await vi.waitFor(async () => expect(await job()).toEqual({ state: "done", attempts: 2 }), { timeout: 90_000, interval: 250 });
    const audio = await fetch(`http://127.0.0.1:${ports.b}/admin/temoignages/${id}/episode/audio.mp3`, { headers: { cookie: admin.cookieHeader() } });
    expect(audio.status).toBe(200);
    expect(audio.headers.get("content-type")).toBe("audio/mpeg");
    expect((await audio.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    // Through nginx, with A still down: B answers.
    expect((await viaNginx(`/admin/temoignages/${id}/episode/audio.mp3`, { headers: { cookie: admin.cookieHeader() } })).status).toBe(200);
  }, 150_000);

  // Last, so the logs also hold the kills' failed connections to an instance.
  it("writes no client address, user agent or query string in nginx's logs", async () => {
    const res = await viaNginx("/temoignages?jeton=marqueur-de-requete", { headers: { "user-agent": "marqueur-de-navigateur", "x-forwarded-for": "203.0.113.9" } });
    await res.arrayBuffer();
    // nginx writes the line once the request is finished, which may be just after the client has the answer.
    await vi.waitFor(() => expect(accessLog()).toMatch(/ GET \/temoignages\S* 301 /));
    const logs = fs.readdirSync(path.join(dir, "logs")).map((f) => fs.readFileSync(path.join(dir, "logs", f), "utf8")).join("\n");
    for (const marker of ["marqueur-de-requete", "marqueur-de-navigateur", "203.0.113.9", "client:"]) expect(logs).not.toContain(marker);
  });
});

/** Stories created through nginx that this instance answered, by the access log's last field. */
const writesBy = (log: string, port: number) => log.split("\n").filter((l) => / POST \/admin\/temoignages 303 /.test(l) && l.endsWith(`127.0.0.1:${port}`)).length;

/** Waits until the condition holds, at most 30 s (the assertions after it say what was missing). */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition() && Date.now() < deadline) await sleep(50);
}

/** Polls an address until it answers 200, or fails with what the process wrote. */
async function waitUntilAnswering(url: string, gone: () => boolean, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline && !gone()) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${url} ne répond pas : ${output()}`);
}
