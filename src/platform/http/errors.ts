import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createElement } from "preact";
import { type ErrorKind, ErrorPage } from "../html/error-page.js";
import { renderDocument } from "../html/render.js";

export function sendErrorPage(req: FastifyRequest, reply: FastifyReply, status: number, kind: ErrorKind) {
  return reply
    .code(status)
    .header("cache-control", "no-store")
    .type("text/html; charset=utf-8")
    .send(renderDocument(createElement(ErrorPage, { ctx: req.pageContext(), kind })));
}

const phases = new WeakMap<FastifyRequest, "body" | "handler">();

/**
 * Marks when a request's body is being read, so that parser errors without a status (busboy's
 * "Unexpected end of multipart data") become 400 rather than 500. Call after the body parsers
 * are registered, so the "handler" mark comes after their own preValidation hooks.
 */
export function trackBodyPhase(app: FastifyInstance): void {
  app.addHook("preParsing", async (req) => {
    phases.set(req, "body");
  });
  app.addHook("preValidation", async (req) => {
    phases.set(req, "handler");
  });
}

function kindOf(status: number): ErrorKind {
  if (status === 404) return "notFound";
  if (status === 403) return "forbidden";
  if (status === 503 || status === 507) return "unavailable";
  if (status >= 500) return "server";
  return "badRequest";
}

// A full disk is an operating condition, not a bug: answer 503 so clients retry later.
function isStorageFull(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === "SQLITE_FULL" || code === "ENOSPC" || code === "53100";
}

/**
 * French error pages for every failure. No stack trace or internal message ever reaches a page;
 * the log gets the error without any request detail that could identify a person.
 */
export function registerErrorPages(app: FastifyInstance): void {
  app.setNotFoundHandler((req, reply) => sendErrorPage(req, reply, 404, "notFound"));
  app.setErrorHandler((error: FastifyError, req, reply) => {
    let status = typeof error.statusCode === "number" && error.statusCode >= 400 ? error.statusCode : 500;
    // A body that cannot be read (truncated multipart, broken encoding) is the client's error.
    if (status === 500 && phases.get(req) === "body") status = 400;
    if (isStorageFull(error)) status = 503;
    if (status >= 500) {
      req.log.error({ err: error, path: req.url.split("?")[0] }, status === 503 ? "storage full" : "request failed");
    }
    if (status === 429) {
      return reply.code(429).type("text/plain; charset=utf-8").send("Trop de tentatives. Réessayez dans quelques minutes.");
    }
    return sendErrorPage(req, reply, status, kindOf(status));
  });
}
