import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createElement as h } from "preact";
import type { CookieJar } from "../platform/http/cookies.js";
import { sendErrorPage } from "../platform/http/errors.js";
import { emptyForm, type FormState, formValues, textOf } from "../platform/http/form.js";
import { parseReceipt } from "./receipt.js";
import { openReceiptFlash, type RecentReceipts } from "./receipt-flash.js";
import * as submissions from "./submission.service.js";
import { followedContribution, RECEIPT_COOKIE, sendPersonalPage } from "./follow-up/follow-up-session.js";
import { ReceiptGonePage, ReceiptPage, type ReceiptView } from "./views/receipt-pages.js";

const PUBLIC = { access: "public" } as const;

/**
 * The receipt after sending (Post/Redirect/Get): shown once, from its sealed cookie; kept by copy,
 * print or a .txt download; then, once its author says it is kept, the follow-up page.
 */
export async function receiptRoutes(app: FastifyInstance, opts: { deps: submissions.SubmissionDeps; cookies: CookieJar; recentReceipts: RecentReceipts }): Promise<void> {
  const { deps, cookies, recentReceipts } = opts;

  const gonePage = async (req: FastifyRequest, reply: FastifyReply) =>
    sendPersonalPage(reply, h(ReceiptGonePage, { ctx: req.pageContext(), hasOpenFollowUp: (await followedContribution(deps, cookies, req)) !== null }));

  const receiptPage = (req: FastifyRequest, reply: FastifyReply, view: ReceiptView, form: FormState = emptyForm(), status = 200) =>
    sendPersonalPage(reply, h(ReceiptPage, { ctx: req.pageContext(), view, csrf: req.csrfToken(reply), form }), status);

  app.get("/temoigner/recu", { config: PUBLIC }, async (req, reply) => {
    const flash = openReceiptFlash(deps.sealingSecret, cookies.read(req, RECEIPT_COOKIE), deps.clock.now());
    // Shown once: a reload, Back or a second sending of the same form finds nothing to show.
    cookies.clear(reply, RECEIPT_COOKIE);
    if (!flash) return gonePage(req, reply);
    recentReceipts.forget(flash.formToken);
    return receiptPage(req, reply, { receipt: flash.receipt, sent: flash.sent, hasCrisisSignal: flash.hasCrisisSignal, audio: flash.audio });
  });

  /** The receipt sent back by the page's own forms: its format only is checked, nothing is looked up. */
  const postedReceipt = (body: unknown) => parseReceipt(textOf(formValues(body), "receipt"));

  app.post("/temoigner/recu", { config: PUBLIC }, async (req, reply) => {
    const receipt = postedReceipt(req.body);
    if (!receipt) return sendErrorPage(req, reply, 400, "badRequest");
    if (textOf(formValues(req.body), "kept") === "1") return reply.redirect("/suivi/contribution", 303);
    // Not ticked: the same page again, the receipt still on it; what it says comes from the contribution itself.
    const id = await followedContribution(deps, cookies, req);
    const data = id === null ? null : await submissions.followUp(deps, id);
    const s = data?.submission;
    const view: ReceiptView = {
      receipt,
      sent: s ? s.state !== "draft" : true,
      hasCrisisSignal: s?.hasCrisisSignal ?? false,
      audio: s?.format === "audio" ? { mustListen: s.state === "draft" && s.audio.disguise !== "none" } : null,
    };
    return receiptPage(req, reply, view, { values: {}, errors: { kept: "receipt.error.notKept" } }, 422);
  });

  app.post("/temoigner/recu.txt", { config: PUBLIC }, async (req, reply) => {
    const receipt = postedReceipt(req.body);
    if (!receipt) return sendErrorPage(req, reply, 400, "badRequest");
    const { t } = req.pageContext();
    const text = [t("receipt.file.heading"), "", receipt, "", t("contribute.receiptIntro"), t("receipt.file.use", { url: `${deps.baseUrl}/suivi` }), t("contribute.keep3"), t("contribute.keep4"), ""].join("\r\n");
    return reply
      .header("cache-control", "no-store")
      .header("content-disposition", `attachment; filename="${t("receipt.file.name")}"`)
      .type("text/plain; charset=utf-8")
      .send(text);
  });
}
