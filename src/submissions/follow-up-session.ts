import type { FastifyReply, FastifyRequest } from "fastify";
import { type CookieOptions, clearCookie, readCookie, setCookie } from "../platform/http/cookies.js";
import { renderDocument } from "../platform/html/render.js";
import { followUpToken, readFollowUpToken, type SubmissionDeps } from "./submission.service.js";

/**
 * The cookies of a contributor's visit, shared by the participation routes: the signed follow-up
 * session that stands for the receipt for 30 minutes, and the sealed receipt on its way to the page
 * that shows it once (receipt-flash.ts).
 */
export const FOLLOW_UP_COOKIE = "ep_suivi";
export const RECEIPT_COOKIE = "ep_recu";
export const FOLLOW_UP_SECONDS = 30 * 60;

type SessionDeps = Pick<SubmissionDeps, "followUpSecret" | "clock">;

/** The contribution this browser follows, or null. */
export function followedContribution(deps: SessionDeps, req: FastifyRequest): number | null {
  return readFollowUpToken(deps, readCookie(req, FOLLOW_UP_COOKIE));
}

/** Opens the follow-up of a contribution in this browser, as a checked receipt does. */
export function openFollowUpSession(deps: SessionDeps, reply: FastifyReply, submissionId: number, cookie: CookieOptions): void {
  setCookie(reply, FOLLOW_UP_COOKIE, followUpToken(deps, submissionId), { ...cookie, maxAge: FOLLOW_UP_SECONDS });
}

export function closeFollowUpSession(reply: FastifyReply, cookie: CookieOptions): void {
  clearCookie(reply, FOLLOW_UP_COOKIE, cookie);
  clearCookie(reply, RECEIPT_COOKIE, cookie);
}

/** Pages about a person's own contribution are never stored by a browser or a proxy. */
export function sendPersonalPage(reply: FastifyReply, page: unknown, status = 200) {
  return reply.code(status).header("cache-control", "no-store").type("text/html; charset=utf-8").send(renderDocument(page));
}
