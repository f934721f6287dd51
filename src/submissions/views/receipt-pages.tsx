import { ChoiceGroup, ErrorSummary, Form } from "../../platform/html/forms.js";
import { Layout } from "../../platform/html/layout.js";
import type { PageContext } from "../../platform/html/page-context.js";
import type { FormState } from "../../platform/http/form.js";
import { AudioReceiptNotice } from "../audio/views/audio-fields.js";
import { CrisisNotice } from "../../safety/views/crisis-notice.js";
import { withLinks } from "../../platform/html/with-links.js";

export type ReceiptView = { receipt: string; sent: boolean; hasCrisisSignal: boolean; audio: { mustListen: boolean } | null };

/**
 * The receipt, shown once after sending, with every way to keep it: copy and print (buttons that
 * assets/receipt.js reveals), a download that works without JavaScript (a form: the receipt
 * travels in the body, never in an address), a print stylesheet, and a box to tick before going on
 * to the follow-up page, which opens without typing it. The forms carry the receipt so that this
 * page can be shown again when the box was not ticked.
 */
export function ReceiptPage(props: { ctx: PageContext; view: ReceiptView; csrf: string; form: FormState }) {
  const { ctx, view } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("contribute.receiptTitle")} current="contribute" noindex scripts={["receipt.js"]}>
      <div class="wrap narrow receipt-page">
        <h1>{view.sent ? t("contribute.received") : t("contribute.draftSaved")}</h1>
        {view.hasCrisisSignal && <CrisisNotice ctx={ctx} />}
        {view.audio && <AudioReceiptNotice ctx={ctx} mustListen={view.audio.mustListen} />}
        <ErrorSummary form={props.form} labels={{ kept: t("receipt.keptLegend") }} />
        <p>{t("contribute.receiptIntro")}</p>
        <p class="receipt">
          <span class="visually-hidden">{t("contribute.receiptLabel")}</span>
          <strong>{view.receipt}</strong>
        </p>
        <section aria-labelledby="garder-titre" class="receipt-tools" data-receipt-tools>
          <h2 id="garder-titre">{t("receipt.toolsTitle")}</h2>
          <div class="actions">
            <button type="button" class="secondary" hidden data-copy-receipt data-done={t("receipt.copied")} data-failed={t("receipt.copyFailed")}>
              {t("receipt.copy")}
            </button>
            <button type="button" class="secondary" hidden data-print>
              {t("receipt.print")}
            </button>
            <Form action="/temoigner/recu.txt" csrf={props.csrf}>
              <input type="hidden" name="receipt" value={view.receipt} />
              <button type="submit" class="secondary">
                {t("receipt.download")}
              </button>
            </Form>
          </div>
          <p role="status" class="hint" data-receipt-status />
        </section>
        <h2>{t("contribute.keepTitle")}</h2>
        <ul>
          <li>{t("contribute.keep1")}</li>
          <li>{t("contribute.keep2")}</li>
          <li>{t("contribute.keep3")}</li>
          <li>{t("contribute.keep4")}</li>
        </ul>
        <Form action="/temoigner/recu" csrf={props.csrf} class="receipt-continue">
          <input type="hidden" name="receipt" value={view.receipt} />
          <ChoiceGroup
            form={props.form}
            name="kept"
            label={t("receipt.keptLegend")}
            type="checkbox"
            required
            hint={t("receipt.keptHint")}
            options={[{ value: "1", label: t("receipt.kept") }]}
          />
          <button type="submit">{t("receipt.continue")}</button>
        </Form>
      </div>
    </Layout>
  );
}

/** What a reload, Back or the same form sent twice shows once the receipt was shown: no new contribution, and where to go. */
export function ReceiptGonePage(props: { ctx: PageContext; hasOpenFollowUp: boolean }) {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t("receipt.gone.title")} current="contribute" noindex>
      <div class="wrap narrow">
        <h1>{t("receipt.gone.heading")}</h1>
        <p>{t("receipt.gone.text")}</p>
        {props.hasOpenFollowUp ? (
          <p>{withLinks(t("receipt.gone.open"), { link: <a href="/suivi/contribution">{t("receipt.gone.openLink")}</a> })}</p>
        ) : (
          <p>
            <a href="/suivi">{t("receipt.gone.closed")}</a>
          </p>
        )}
      </div>
    </Layout>
  );
}
