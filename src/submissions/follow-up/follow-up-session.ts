import type { FastifyReply, FastifyRequest } from "fastify";
import { renderDocument } from "../../platform/html/render.js";
import type { CookieJar } from "../../platform/http/cookies.js";
import { followUpToken, readFollowUpToken, type SubmissionDeps } from "../submission.service.js";

/**
 * The cookies of a contributor's visit, shared by the participation routes: the signed follow-up
 * session that stands for the receipt for 30 minutes (its generation lets "Fermer" end every copy),
 * and the sealed receipt on its way to the page that shows it once (receipt-flash.ts).
 */
export const FOLLOW_UP_COOKIE = "ep_suivi";
export const RECEIPT_COOKIE = "ep_recu";
export const FOLLOW_UP_SECONDS = 30 * 60;

type SessionDeps = Pick<SubmissionDeps, "db" | "clock">;

/** The contribution this browser follows, or null. */
export function followedContribution(deps: SessionDeps, cookies: CookieJar, req: FastifyRequest): Promise<number | null> {
  return readFollowUpToken(deps, cookies.readSigned(req, FOLLOW_UP_COOKIE));
}

/** Opens the follow-up of a contribution in this browser, as a checked receipt does. */
export async function openFollowUpSession(deps: SessionDeps, cookies: CookieJar, reply: FastifyReply, submissionId: number): Promise<void> {
  cookies.setSigned(reply, FOLLOW_UP_COOKIE, await followUpToken(deps, submissionId), { maxAge: FOLLOW_UP_SECONDS });
}

export function closeFollowUpSession(cookies: CookieJar, reply: FastifyReply): void {
  cookies.clear(reply, FOLLOW_UP_COOKIE);
  cookies.clear(reply, RECEIPT_COOKIE);
}

/** Pages about a person's own contribution are never stored by a browser or a proxy. */
export function sendPersonalPage(reply: FastifyReply, page: unknown, status = 200) {
  return reply.code(status).header("cache-control", "no-store").type("text/html; charset=utf-8").send(renderDocument(page));
}
