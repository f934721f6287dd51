import type { FastifyInstance, FastifyRequest } from "fastify";
import { isDisguise } from "../../media/audio.js";
import type { CookieJar } from "../../platform/http/cookies.js";
import { sendFile } from "../../platform/http/file-range.js";
import { formValues, textOf } from "../../platform/http/form.js";
import { audioViewOf } from "./contribution-audio.intake.js";
import * as audio from "./contribution-audio.service.js";
import * as submissions from "../submission.service.js";
import { FOLLOW_UP_COOKIE } from "../follow-up/follow-up-session.js";

type IdParams = { Params: { id: string } };
const idOf = (value: string) => (/^\d{1,9}$/.test(value) ? Number(value) : null);
const PUBLIC = { access: "public" } as const;
const EDITOR = { access: "editor" } as const;
// A contributor's voice is never stored by a browser or a proxy.
const PRIVATE_AUDIO = { type: "audio/mpeg", cacheControl: "no-store" };

/** Listening (contributor and editors), the processing status, another disguise. An editor's retry is on the contribution's page (triage.routes.ts). */
export async function contributionAudioRoutes(app: FastifyInstance, opts: { deps: audio.AudioDeps & submissions.SubmissionDeps; cookies: CookieJar }): Promise<void> {
  const { deps } = opts;
  const followUpId = (req: FastifyRequest) => submissions.readFollowUpToken(deps, opts.cookies.readSigned(req, FOLLOW_UP_COOKIE));

  app.get("/suivi/audio.mp3", { config: PUBLIC }, async (req, reply) => {
    const id = await followUpId(req);
    if (id === null) return reply.redirect("/suivi", 303);
    // Only the contribution this follow-up session opened, and only its processed file.
    const key = await audio.processedAudioKey(deps, id, { editor: false });
    if (!key) return reply.callNotFound();
    return sendFile(req, reply, deps.privateFiles, key, PRIVATE_AUDIO);
  });

  app.get("/suivi/audio.json", { config: PUBLIC }, async (req, reply) => {
    const id = await followUpId(req);
    reply.header("cache-control", "no-store").type("application/json; charset=utf-8");
    if (id === null) return reply.code(401).send(JSON.stringify({ state: "closed" }));
    const data = await submissions.followUp(deps, id);
    const view = data ? await audioViewOf(deps, req.pageContext().t, data.submission) : null;
    if (!view) return reply.code(404).send(JSON.stringify({ state: "none" }));
    return reply.send(JSON.stringify({ state: view.state, percent: view.percent, text: view.statusText }));
  });

  app.post("/suivi/deguisement", { config: PUBLIC }, async (req, reply) => {
    const id = await followUpId(req);
    if (id === null) return reply.redirect("/suivi", 303);
    const disguise = textOf(formValues(req.body), "disguise");
    const result = isDisguise(disguise) ? await audio.chooseDisguise(deps, id, disguise) : { ok: false as const };
    return reply.redirect(`/suivi/contribution?${result.ok ? "ok=deguisement" : "info=deguisement"}`, 303);
  });

  app.get<IdParams>("/admin/contributions/:id/audio.mp3", { config: EDITOR }, async (req, reply) => {
    const id = idOf(req.params.id);
    // Editors hear the processed file of a sent contribution; the source is never served.
    const key = id ? await audio.processedAudioKey(deps, id, { editor: true }) : null;
    if (!key) return reply.callNotFound();
    return sendFile(req, reply, deps.privateFiles, key, PRIVATE_AUDIO);
  });
}
