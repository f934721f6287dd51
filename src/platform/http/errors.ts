import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createElement } from "preact";
import { type ErrorKind, ErrorPage, type TypedField } from "../html/error-page.js";
import { renderDocument } from "../html/render.js";
import type { MessageKey } from "../i18n/translate.js";

export function sendErrorPage(req: FastifyRequest, reply: FastifyReply, status: number, kind: ErrorKind, typed: TypedField[] = []) {
  return reply
    .code(status)
    .header("cache-control", "no-store")
    .type("text/html; charset=utf-8")
    .send(renderDocument(createElement(ErrorPage, { ctx: req.pageContext(), kind, typed })));
}

const phases = new WeakMap<FastifyRequest, "body" | "handler">();

/**
 * Marks when a request's body is being read, so that parser errors without a status (busboy's
 * "Unexpected end of multipart data") become 400 rather than 500. Call after the body parsers
 * are registered, so the "handler" mark comes after their own preValidation hooks.
 */
export function trackBodyPhase(app: FastifyInstance): void {
  app.addHook("preParsing", (req, _reply, payload, done) => {
    phases.set(req, "body");
    done(null, payload);
  });
  app.addHook("preValidation", (req, _reply, done) => {
    phases.set(req, "handler");
    done();
  });
}

function kindOf(status: number): ErrorKind {
  if (status === 404) return "notFound";
  if (status === 403) return "forbidden";
  if (status === 413) return "tooLarge";
  if (status === 429) return "tooManyRequests";
  if (status === 503 || status === 507) return "unavailable";
  if (status >= 500) return "server";
  return "badRequest";
}

/** This error, then what it wraps (`cause`, an AggregateError's errors). */
function* chainOf(error: unknown, depth = 0): Generator<unknown> {
  if (!error || depth > 5) return;
  yield error;
  const e = error as { cause?: unknown; errors?: unknown };
  yield* chainOf(e.cause, depth + 1);
  if (Array.isArray(e.errors)) for (const inner of e.errors) yield* chainOf(inner, depth + 1);
}

/**
 * A full disk is an operating condition, not a bug: 503, so clients retry later. SQLite says
 * SQLITE_FULL, the file system ENOSPC, PostgreSQL 53100 (disk_full); a rollback that failed
 * after it (platform/db/connection.ts keeps SQLite's) must not hide it.
 */
export function isStorageFull(error: unknown): boolean {
  for (const e of chainOf(error)) {
    const code = (e as { code?: unknown }).code;
    if (code === "SQLITE_FULL" || code === "ENOSPC" || code === "53100") return true;
  }
  return false;
}

// Free-text fields a person may have spent time on; given back on the page that says their
// request failed, so nothing typed is lost. Never passwords, tokens or receipts.
const TYPED_FIELDS = ["title", "standfirst", "body", "subject", "creditName", "email", "replyTo"] as const;
// C0 controls and DEL, except tab, line feed and carriage return.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** The free text of a posted form, without control characters, labelled for the error page. */
export function typedFields(req: FastifyRequest): TypedField[] {
  const body = req.body as Record<string, unknown> | null | undefined;
  if (!body || typeof body !== "object") return [];
  const { t } = req.pageContext();
  return TYPED_FIELDS.flatMap((name) => {
    const value = body[name];
    const text = typeof value === "string" ? value.replace(CONTROL_CHARACTERS, "").trim() : "";
    return text ? [{ label: t(`error.typed.${name}` satisfies MessageKey), text }] : [];
  });
}

/**
 * Asked before a 404 is sent (an imported site's old addresses): answers and returns true, or
 * returns false. It runs only for addresses no route knows, never on the way to a page.
 */
export type NotFoundFallback = (req: FastifyRequest, reply: FastifyReply) => Promise<boolean>;

/**
 * Error pages for every failure, in the reader's language. No stack trace or internal message ever reaches a page;
 * the log gets the error without any request detail that could identify a person.
 */
export function registerErrorPages(app: FastifyInstance, opts: { notFoundFallback?: NotFoundFallback } = {}): void {
  app.setNotFoundHandler(async (req, reply) => {
    if (opts.notFoundFallback && (req.method === "GET" || req.method === "HEAD") && (await opts.notFoundFallback(req, reply))) return reply;
    return sendErrorPage(req, reply, 404, "notFound");
  });
  app.setErrorHandler((error: FastifyError, req, reply) => {
    let status = typeof error.statusCode === "number" && error.statusCode >= 400 ? error.statusCode : 500;
    // A body that cannot be read (truncated multipart, broken encoding) is the client's error.
    if (status === 500 && phases.get(req) === "body") status = 400;
    const full = isStorageFull(error);
    if (full) status = 503;
    if (status >= 500) {
      req.log.error({ err: error, path: req.url.split("?")[0] }, full ? "storage full" : "request failed");
    }
    // Whatever was typed comes back on the page: a full disk must not cost anyone their text.
    return sendErrorPage(req, reply, status, kindOf(status), full ? typedFields(req) : []);
  });
}

/**
 * Refuses, where every request passes (its address before the page cache: register it before
 * registerPageCache; its body once read), any path parameter,
 * query value or form field holding a control character (NUL and the like; tab and line breaks
 * are text): PostgreSQL cannot store NUL, and nothing legitimate sends them. 400, with the text
 * given back without them.
 */
export function registerInputGuard(app: FastifyInstance): void {
  // The address first, before the page cache can answer from memory; the body once it is read.
  app.addHook("onRequest", (req, reply, done) => {
    if (hasControlCharacter(req.params) || hasControlCharacter(req.query)) {
      sendErrorPage(req, reply, 400, "controlCharacter", typedFields(req));
      return;
    }
    done();
  });
  app.addHook("preHandler", (req, reply, done) => {
    if (hasControlCharacter(req.body)) {
      sendErrorPage(req, reply, 400, "controlCharacter", typedFields(req));
      return;
    }
    done();
  });
}

function hasControlCharacter(value: unknown, depth = 0): boolean {
  if (typeof value === "string") {
    CONTROL_CHARACTERS.lastIndex = 0;
    return CONTROL_CHARACTERS.test(value);
  }
  if (!value || typeof value !== "object" || depth > 3 || Buffer.isBuffer(value)) return false;
  for (const [key, inner] of Object.entries(value)) {
    if (hasControlCharacter(key) || hasControlCharacter(inner, depth + 1)) return true;
  }
  return false;
}
