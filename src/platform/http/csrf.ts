import { createHash, randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { CookieJar, Signing } from "./cookies.js";

/**
 * CSRF protection for every form. The token is a signature of a value bound to the browser: the
 * session when someone is signed in (and then only the session: a form cookie planted beside it
 * counts for nothing), otherwise a random "form" cookie set when a form is shown. Cross-site pages
 * can read neither.
 *
 * The token travels in the `_csrf` field of a urlencoded form, which is small and read first. A
 * form with a file puts it in its action's query string (`?_csrf=`, which works without
 * JavaScript) or in an `x-csrf-token` header, and it is checked there before a byte of the body is
 * read.
 */
export const CSRF_FIELD = "_csrf";
const FORM_COOKIE = "ep_form";
const PURPOSE = "csrf";

declare module "fastify" {
  interface FastifyRequest {
    /** Token to put in a hidden `_csrf` field; sets the form cookie when needed. */
    csrfToken(reply: FastifyReply): string;
  }
  interface FastifyContextConfig {
    /** Set false only for routes that take no form (none today). */
    csrf?: boolean;
  }
}

export type CsrfOptions = {
  signing: Signing;
  cookies: CookieJar;
  /** The session cookie's base name: when a viewer is signed in, tokens are bound to it. */
  sessionCookie: string;
  rejectForm(req: FastifyRequest, reply: FastifyReply): FastifyReply;
};

const formBindings = new WeakMap<FastifyRequest, string>();
const checkedEarly = new WeakSet<FastifyRequest>();

const needsToken = (req: FastifyRequest) =>
  req.method !== "GET" && req.method !== "HEAD" && req.method !== "OPTIONS" && req.routeOptions.config.csrf !== false;

/** A token given with a file form, outside its body. */
function tokenOutsideBody(req: FastifyRequest): unknown {
  return (req.query as Record<string, unknown> | undefined)?.[CSRF_FIELD] ?? req.headers["x-csrf-token"];
}

export const isMultipart = (req: FastifyRequest) => /^multipart\//i.test(req.headers["content-type"] ?? "");

export function registerCsrf(app: FastifyInstance, opts: CsrfOptions): void {
  // What a token is bound to; the session token itself is hashed so that no signature ever derives from it directly.
  const binding = (req: FastifyRequest): string | undefined => {
    if (req.viewer) {
      const session = opts.cookies.read(req, opts.sessionCookie);
      return session ? `s:${createHash("sha256").update(session).digest("base64url")}` : undefined;
    }
    const form = formBindings.get(req) ?? opts.cookies.read(req, FORM_COOKIE);
    return form ? `f:${form}` : undefined;
  };
  const tokenFor = (value: string) => opts.signing.sign(PURPOSE, value).slice(value.length + 1);
  const isValid = (req: FastifyRequest, sent: unknown) => {
    const bound = binding(req);
    return typeof sent === "string" && bound !== undefined && opts.signing.verify(PURPOSE, `${bound}.${sent}`) === bound;
  };

  app.decorateRequest("csrfToken", function (this: FastifyRequest, reply: FastifyReply) {
    let bound = binding(this);
    if (!bound) {
      const value = randomBytes(18).toString("base64url");
      opts.cookies.set(reply, FORM_COOKIE, value, { maxAge: 60 * 60 * 24 });
      // Later calls in the same request must see the same binding.
      formBindings.set(this, value);
      bound = `f:${value}`;
    }
    return tokenFor(bound);
  });

  // A form with a file is checked before its body is read (access rules ran just before).
  app.addHook("onRequest", (req, reply, done) => {
    if (!needsToken(req) || !isMultipart(req)) return done();
    if (!isValid(req, tokenOutsideBody(req))) {
      opts.rejectForm(req, reply);
      return;
    }
    checkedEarly.add(req);
    done();
  });

  app.addHook("preHandler", (req, reply, done) => {
    if (!needsToken(req) || checkedEarly.has(req)) return done();
    const body = req.body as Record<string, unknown> | null | undefined;
    const sent = body && typeof body === "object" ? body[CSRF_FIELD] : undefined;
    if (isValid(req, sent)) return done();
    opts.rejectForm(req, reply);
  });
}
