import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type CookieOptions, readCookie, setCookie } from "./cookies.js";

/**
 * CSRF protection for every form. The token is an HMAC of a value bound to the browser: the
 * session cookie when signed in, otherwise a random "form" cookie set when a form is shown.
 * Every POST must carry `_csrf` matching it; cross-site requests cannot read either cookie.
 */
export const CSRF_FIELD = "_csrf";
const FORM_COOKIE = "ep_form";

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
  secret: string;
  sessionCookie: string;
  cookie: CookieOptions;
  rejectForm(req: FastifyRequest, reply: FastifyReply): FastifyReply;
};

function sign(secret: string, binding: string): string {
  return createHmac("sha256", secret).update(`csrf:${binding}`).digest("base64url");
}

export function registerCsrf(app: FastifyInstance, opts: CsrfOptions): void {
  app.decorateRequest("csrfToken", function (this: FastifyRequest, reply: FastifyReply) {
    let binding = readCookie(this, opts.sessionCookie) ?? readCookie(this, FORM_COOKIE);
    if (!binding) {
      binding = randomBytes(18).toString("base64url");
      setCookie(reply, FORM_COOKIE, binding, { ...opts.cookie, maxAge: 60 * 60 * 24 });
      // Later calls in the same request must see the same binding.
      (this.headers as Record<string, string>).cookie = `${this.headers.cookie ? `${this.headers.cookie}; ` : ""}${FORM_COOKIE}=${binding}`;
    }
    return sign(opts.secret, binding);
  });

  app.addHook("preHandler", async (req, reply) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return;
    if (req.routeOptions.config.csrf === false) return;
    const body = req.body as Record<string, unknown> | null | undefined;
    const sent = body && typeof body === "object" ? body[CSRF_FIELD] : undefined;
    const bindings = [readCookie(req, opts.sessionCookie), readCookie(req, FORM_COOKIE)].filter(
      (b): b is string => typeof b === "string" && b.length > 0,
    );
    if (typeof sent === "string" && bindings.some((b) => safeEqual(sent, sign(opts.secret, b)))) return;
    return opts.rejectForm(req, reply);
  });
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
