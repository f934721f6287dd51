import { Form } from "../../../platform/html/forms.js";
import { Layout } from "../../../platform/html/layout.js";
import type { PageContext } from "../../../platform/html/page-context.js";
import type { StoryView } from "../../../stories/story.present.js";
import type { FieldChange } from "../../../stories/version-diff.js";
import { type EpisodeExtra, StoryArticle } from "../../../stories/views/story-page.js";

export type ApprovalView = {
  versionId: number;
  story: StoryView;
  episode: EpisodeExtra;
  /** Compared with the last version the author approved (null before a first approval). */
  sinceApproved: FieldChange[] | null;
  /** Compared with what the author sent. */
  sinceOwnText: FieldChange[];
  stillCurrent: boolean;
  anonymityRequested: boolean;
  isAnonymous: boolean;
  error?: string;
};

/** One field's changes, paragraph by paragraph: added text underlined, removed text struck through. */
function Changes({ ctx, changes, idPrefix }: { ctx: PageContext; changes: FieldChange[]; idPrefix: string }) {
  if (changes.length === 0) return <p>{ctx.t("version.unchanged")}</p>;
  return (
    <dl class="version-changes">
      {changes.map((change) => (
        <div key={change.key} class="version-change" id={`${idPrefix}-${change.key}`}>
          <dt>{change.label}</dt>
          <dd lang="fr">
            {change.blocks.map((parts, i) => (
              <p key={i} class="diff-text">
                {parts.map((p, k) =>
                  p.added ? <ins key={k}>{p.value}</ins> : p.removed ? <del key={k}>{p.value}</del> : <span key={k}>{p.value}</span>,
                )}
              </p>
            ))}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The "bon à tirer": the exact version readers will see, rendered with the public page's own
 * components, then what changed since the author's last approval and since their own text.
 */
export function ApprovalPage({ ctx, csrf, view }: { ctx: PageContext; csrf: string; view: ApprovalView }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("approval.title")} current="contribute" noindex scripts={view.episode?.hasAudio ? ["podcast-player.js"] : []}>
      <div class="wrap narrow">
        <p>
          <a href="/suivi/contribution">{t("approval.back")}</a>
        </p>
        <h1>{t("approval.title")}</h1>
        {view.error && (
          <div class="error-summary" role="alert" tabindex={-1}>
            <p>{view.error}</p>
          </div>
        )}
        <p>{t("approval.intro")}</p>
        {view.anonymityRequested && <p class="callout">{t(view.isAnonymous ? "approval.anonymousVersion" : "approval.notYetAnonymous")}</p>}
        {!view.stillCurrent && <p class="callout">{t("approval.outdated")}</p>}
        <p>
          <a href="#changements">{t("approval.skipToChanges")}</a>
        </p>
      </div>
      <section class="version-preview" aria-labelledby="apercu-titre">
        <h2 id="apercu-titre" class="wrap narrow">
          {t("approval.previewHeading")}
        </h2>
        <StoryArticle ctx={ctx} view={view.story} episode={view.episode} preview />
      </section>
      <div class="wrap narrow">
        <section id="changements" aria-labelledby="changements-titre" tabindex={-1}>
          <h2 id="changements-titre">{t("approval.changesHeading")}</h2>
          <p class="hint">{t("followUp.changesHint")}</p>
          {view.sinceApproved && (
            <section aria-labelledby="depuis-accord-titre">
              <h3 id="depuis-accord-titre">{t("approval.sinceApproved")}</h3>
              <Changes ctx={ctx} changes={view.sinceApproved} idPrefix="accord" />
            </section>
          )}
          <section aria-labelledby="depuis-texte-titre">
            <h3 id="depuis-texte-titre">{t("approval.sinceOwnText")}</h3>
            <Changes ctx={ctx} changes={view.sinceOwnText} idPrefix="texte" />
          </section>
        </section>
        <section aria-labelledby="decision-titre" class="panel">
          <h2 id="decision-titre">{t("approval.decisionHeading")}</h2>
          {view.stillCurrent && (!view.anonymityRequested || view.isAnonymous) ? (
            <Form action="/suivi/approuver" csrf={csrf}>
              <input type="hidden" name="versionId" value={String(view.versionId)} />
              <p>{t("approval.approveMeans")}</p>
              <button type="submit">{t("followUp.approve")}</button>
            </Form>
          ) : (
            <p>{t("approval.cannotApprove")}</p>
          )}
          <p>
            <a href="/suivi/contribution#champ-body">{t("approval.askChanges")}</a>
          </p>
        </section>
      </div>
    </Layout>
  );
}
