import type { FastifyInstance, FastifyReply } from "fastify";

// Scripts and styles come only from our own origin; no inline script anywhere. JSON-LD data
// blocks are not executed, so they need no exception.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  // blob: lets a contributor replay their own recording before it is sent (assets/recorder.js).
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * For the one page our own pages may frame (a preview at phone width): frames from our origin
 * only, every other directive unchanged.
 */
export function allowFramingBySelf(reply: FastifyReply): void {
  reply.header("content-security-policy", CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'")).header("x-frame-options", "SAMEORIGIN");
}

/** Sets the same security headers on every response, computed once. */
export function registerSecurityHeaders(app: FastifyInstance, opts: { https: boolean }): void {
  const headers: Record<string, string> = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    // The microphone only for our own pages (recording a testimony), never for anything embedded.
    "permissions-policy": "camera=(), geolocation=(), microphone=(self), interest-cohort=()",
  };
  if (opts.https) headers["strict-transport-security"] = "max-age=31536000; includeSubDomains";
  app.addHook("onRequest", (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
}
