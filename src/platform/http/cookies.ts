import cookie, { Signer } from "@fastify/cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/**
 * The one signature scheme of the site: @fastify/cookie's signer (HMAC-SHA256 with the instance
 * secret). Signed cookies, CSRF tokens and the contact form's timestamp all use it, each under its
 * own purpose, so a value signed for one use is worth nothing for another.
 */
export type Signing = {
  /** Given to the cookie plugin, so it signs with the same key. */
  signer: Signer;
  /** `value.signature`, the signature covering the purpose too. */
  sign(purpose: string, value: string): string;
  /** The value of a string made by `sign` for this purpose, or null. */
  verify(purpose: string, signed: string | undefined): string | null;
};

export function createSigning(secret: string): Signing {
  const signer = new Signer(secret);
  return {
    signer,
    sign: (purpose, value) => signer.sign(`${purpose}:${value}`).slice(purpose.length + 1),
    verify(purpose, signed) {
      if (typeof signed !== "string" || signed === "") return null;
      const result = signer.unsign(`${purpose}:${signed}`);
      return result.valid && result.value !== null ? result.value.slice(purpose.length + 1) : null;
    },
  };
}

/**
 * Cookies as the site sets them: HttpOnly and SameSite=Lax, Path=/, and over HTTPS Secure with a
 * `__Host-` name, which a browser accepts only from this exact origin (no Domain, no plain HTTP),
 * so no sibling subdomain can plant one. On http://localhost the plain name is used, as browsers
 * refuse `__Host-` cookies without Secure. Parsing is @fastify/cookie's, in its `onRequest` hook.
 */
export type CookieJar = {
  /** The name a cookie really has on this site. */
  name(base: string): string;
  read(req: FastifyRequest, base: string): string | undefined;
  set(reply: FastifyReply, base: string, value: string, opts?: { maxAge?: number; httpOnly?: boolean }): void;
  clear(reply: FastifyReply, base: string): void;
  /** A cookie whose value the visitor can read but not change. */
  readSigned(req: FastifyRequest, base: string): string | null;
  setSigned(reply: FastifyReply, base: string, value: string, opts?: { maxAge?: number }): void;
};

/**
 * The cookie plugin, signing with the site's one secret. Its `onRequest` hook is kept: the release
 * whose dependencies accept Node 20 writes Set-Cookie headers only when that hook is on.
 */
export async function registerCookies(app: FastifyInstance, signing: Signing): Promise<void> {
  await app.register(cookie, { secret: signing.signer, hook: "onRequest" });
}

export function cookieJar(opts: { secure: boolean; signing: Signing }): CookieJar {
  const name = (base: string) => (opts.secure ? `__Host-${base}` : base);
  const jar: CookieJar = {
    name,
    read: (req, base) => req.cookies?.[name(base)],
    set(reply, base, value, o = {}) {
      reply.setCookie(name(base), value, { path: "/", sameSite: "lax", httpOnly: o.httpOnly !== false, secure: opts.secure, maxAge: o.maxAge });
    },
    clear(reply, base) {
      reply.clearCookie(name(base), { path: "/", sameSite: "lax", httpOnly: true, secure: opts.secure });
    },
    readSigned: (req, base) => opts.signing.verify(base, jar.read(req, base)),
    setSigned: (reply, base, value, o = {}) => jar.set(reply, base, opts.signing.sign(base, value), o),
  };
  return jar;
}
