import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { SESSION_COOKIE } from "../../src/accounts/account.routes.js";
import { createAdministrator, signIn } from "../../src/accounts/account.service.js";
import { hashPassword } from "../../src/accounts/password.js";
import { type App, buildApp, publicationRules } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { createDeps, type Deps } from "../../src/deps.js";
import { seedDemo } from "../../src/demo/demo.seed.js";
import type { Clock } from "../../src/platform/clock.js";
import { createLogger } from "../../src/platform/logger.js";
import type { Role } from "../../src/platform/http/access.js";
import { createPostgresDatabase, type TestDialect } from "./databases.js";

export type TestApp = {
  url: string;
  databaseUrl: string;
  app: App;
  deps: Deps;
  dataDir: string;
  /** Every log line the app wrote, as JSON text. */
  logs: string[];
  close(keepData?: boolean): Promise<void>;
};

export type TestAppOptions = {
  dialect: TestDialect;
  demo?: boolean;
  clock?: Clock;
  pageCache?: boolean;
  smtpUrl?: string;
  env?: Record<string, string>;
  /** Start on the data of an app that was closed, as after a restart. */
  restartFrom?: { dataDir: string; databaseUrl: string };
  /** Another instance on the same database, with a data folder of its own (files in a shared store). */
  databaseOf?: { databaseUrl: string };
  /** On PostgreSQL, how long the app waits before listening again once its listening connection is lost. */
  contentVersionRetryMs?: number;
};

/** Builds the real app on a real database and listens on a loopback port. */
export async function startTestApp(opts: TestAppOptions): Promise<TestApp> {
  const dataDir = opts.restartFrom?.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-test-"));
  const databaseUrl = opts.restartFrom?.databaseUrl ?? opts.databaseOf?.databaseUrl ?? (opts.dialect === "postgres" ? await createPostgresDatabase() : "");
  const config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    PORT: "0",
    BASE_URL: "http://127.0.0.1:3000",
    PAGE_CACHE: opts.pageCache === false ? "off" : "on",
    SMTP_URL: opts.smtpUrl ?? "",
    LOG_LEVEL: "info",
    ...opts.env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const deps = await createDeps(config, { log: createLogger("info", sink), clock: opts.clock, contentVersionRetryMs: opts.contentVersionRetryMs });
  if (opts.demo) await seedDemo({ ...deps, ...publicationRules(config) });
  const app = await buildApp(config, deps);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    databaseUrl,
    app,
    deps,
    dataDir,
    logs,
    async close(keepData = false) {
      await app.close();
      await deps.close();
      if (!keepData) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const TEST_PASSWORD = "une phrase de passe assez longue";

/** Creates an account with the given role directly in the database and returns its e-mail. */
export async function createAccount(t: TestApp, role: Role, email = `${role}-${Math.random().toString(36).slice(2)}@exemple.fr`): Promise<string> {
  if (role === "admin") {
    await createAdministrator({ db: t.deps.db, clock: t.deps.clock }, { email, password: TEST_PASSWORD, displayName: `Admin ${email}` });
    return email;
  }
  await t.deps.db
    .insertInto("users")
    .values({
      email,
      display_name: `${role} ${email.split("@")[0]}`,
      password_hash: await hashPassword(TEST_PASSWORD),
      role,
      created_at: new Date().toISOString(),
    })
    .execute();
  return email;
}

/** The one-time token of a contribution form, as a browser sends it back with the form. */
export function formTokenOf(html: string): Record<string, string> {
  const token = /name="formToken" value="([^"]*)"/.exec(html)?.[1];
  return token === undefined ? {} : { formToken: token };
}

/** A tiny browser: keeps cookies, reads the CSRF token from forms, posts urlencoded forms. */
export class Browser {
  private cookies = new Map<string, string>();

  /** `headers` go with every request (a language, or marker strings in a privacy test). */
  constructor(
    readonly baseUrl: string,
    readonly headers: Record<string, string> = {},
  ) {}

  /** Takes another browser's cookies, as when a load balancer sends the same browser elsewhere. */
  useCookiesOf(other: Browser): void {
    this.cookies = new Map(other.cookies);
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/Max-Age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(pathname: string, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(this.baseUrl + pathname, { headers: { ...this.headers, cookie: this.cookieHeader(), ...headers }, redirect: "manual" });
    this.keep(res);
    return res;
  }

  async getText(pathname: string): Promise<{ status: number; html: string; res: Response }> {
    const res = await this.get(pathname);
    return { status: res.status, html: await res.text(), res };
  }

  /** Loads the page holding the form, then posts the fields with its CSRF token (and its one-time form token, if it has one). */
  async submit(formPage: string, action: string, fields: Record<string, string | string[]>): Promise<Response> {
    const { html } = await this.getText(formPage);
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!token) throw new Error(`Pas de jeton CSRF sur ${formPage}`);
    return this.post(action, { ...formTokenOf(html), ...fields, _csrf: token });
  }

  /** Follows a 303 as a browser does (a GET of its location); any other answer is returned as it is. */
  async follow(res: Response): Promise<Response> {
    const location = res.status === 303 ? res.headers.get("location") : null;
    return location ? this.get(location) : res;
  }

  /** Posts a multipart form as a browser does, with one file field, after loading the form's page for its token. */
  async postMultipart(formPage: string, action: string, fields: Record<string, string>, file: { field: string; bytes: Buffer; name: string; type: string }): Promise<Response> {
    const { html } = await this.getText(formPage);
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!token) throw new Error(`Pas de jeton CSRF sur ${formPage}`);
    const form = new FormData();
    for (const [k, v] of Object.entries({ ...formTokenOf(html), ...fields })) form.append(k, v);
    form.append(file.field, new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
    // A form with a file carries its token in the action's query string, checked before the body is read.
    const url = `${this.baseUrl}${action}${action.includes("?") ? "&" : "?"}_csrf=${encodeURIComponent(token)}`;
    const res = await fetch(url, { method: "POST", headers: { ...this.headers, cookie: this.cookieHeader() }, body: form, redirect: "manual" });
    this.keep(res);
    return res;
  }

  async post(pathname: string, fields: Record<string, string | string[]>): Promise<Response> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    const res = await fetch(this.baseUrl + pathname, {
      method: "POST",
      headers: { ...this.headers, cookie: this.cookieHeader(), "content-type": "application/x-www-form-urlencoded" },
      body,
      redirect: "manual",
    });
    this.keep(res);
    return res;
  }

  /** Signs in through the service rather than the form, so many sessions do not hit the login rate limit. */
  async signInDirectly(t: TestApp, email: string): Promise<void> {
    const result = await signIn(
      { db: t.deps.db, clock: t.deps.clock, baseUrl: t.url },
      { email, password: TEST_PASSWORD },
    );
    if (!result.ok) throw new Error(`connexion refusée pour ${email}`);
    this.cookies.set(SESSION_COOKIE, result.token);
  }

  async signIn(email: string, password = TEST_PASSWORD): Promise<Response> {
    const res = await this.submit("/admin/connexion", "/admin/connexion", { email, password });
    if (res.status !== 303) throw new Error(`connexion refusée pour ${email} (${res.status})`);
    return res;
  }
}
