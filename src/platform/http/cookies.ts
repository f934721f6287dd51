import type { FastifyReply, FastifyRequest } from "fastify";

export type CookieOptions = { secure: boolean };

/** Reads one cookie without a parsing plugin: public pages should not pay for cookies they ignore. */
export function readCookie(req: FastifyRequest, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** HttpOnly and SameSite=Lax always; Secure when the site is served over HTTPS. */
export function setCookie(
  reply: FastifyReply,
  name: string,
  value: string,
  opts: CookieOptions & { maxAge?: number; httpOnly?: boolean },
): void {
  const parts = [`${name}=${encodeURIComponent(value)}`, "Path=/", "SameSite=Lax"];
  if (opts.httpOnly !== false) parts.push("HttpOnly");
  if (opts.secure) parts.push("Secure");
  if (opts.maxAge !== undefined) parts.push(`Max-Age=${opts.maxAge}`);
  const existing = reply.getHeader("set-cookie");
  const list = Array.isArray(existing) ? existing : existing ? [String(existing)] : [];
  reply.header("set-cookie", [...list, parts.join("; ")]);
}

export function clearCookie(reply: FastifyReply, name: string, opts: CookieOptions): void {
  setCookie(reply, name, "", { ...opts, maxAge: 0 });
}
