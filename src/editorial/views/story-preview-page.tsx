import type { ComponentChildren } from "preact";
import { Layout } from "../../platform/html/layout.js";
import type { PageContext } from "../../platform/html/page-context.js";
import type { StoryView } from "../../stories/story.present.js";
import { type EpisodeExtra, StoryArticle } from "../../stories/views/story-page.js";

/** Widths an editor can check the article at; the phone is an iframe, so the site's narrow-screen rules apply inside it. */
export type PreviewWidth = "ordinateur" | "telephone";

export const PHONE_WIDTH_PX = 390;

/**
 * The working copy as readers will see it, in the public layout, with the public article
 * component; a banner says it is not published and switches between desktop and phone width.
 * Framed (`framed`), it is the article alone (its heading for screen readers only), shown at phone width inside the banner page.
 */
export function StoryPreviewPage(props: { ctx: PageContext; view: StoryView; episode: EpisodeExtra; storyId: number; width: PreviewWidth; framed: boolean }) {
  const { ctx, view, storyId } = props;
  const { t } = ctx;
  const base = `/admin/temoignages/${storyId}/apercu`;
  const banner: ComponentChildren = (
    <div class="preview-banner wrap" role="note" aria-labelledby="apercu-bandeau">
      <h1 id="apercu-bandeau">{t("admin.story.preview.banner")}</h1>
      <p>{t("admin.story.preview.notSeen")}</p>
      <p>
        <a href={`/admin/temoignages/${storyId}`}>{t("admin.story.preview.back")}</a>
      </p>
      <nav aria-label={t("admin.story.preview.widths")}>
        <ul class="preview-widths">
          <li>
            <a href={`${base}?largeur=ordinateur`} aria-current={props.width === "ordinateur" ? "page" : undefined}>
              {t("admin.story.preview.desktop")}
            </a>
          </li>
          <li>
            <a href={`${base}?largeur=telephone`} aria-current={props.width === "telephone" ? "page" : undefined}>
              {t("admin.story.preview.phone", { px: String(PHONE_WIDTH_PX) })}
            </a>
          </li>
        </ul>
      </nav>
    </div>
  );
  return (
    <Layout ctx={ctx} title={t("admin.story.preview.title", { title: view.title })} noindex current="stories" scripts={props.episode?.hasAudio ? ["podcast-player.js"] : []}>
      {props.framed ? <h1 class="visually-hidden">{t("admin.story.preview.hiddenHeading")}</h1> : banner}
      {props.width === "telephone" && !props.framed ? (
        <div class="preview-phone wrap">
          <iframe src={`${base}?largeur=telephone&cadre=1`} width={PHONE_WIDTH_PX} height={844} title={t("admin.story.preview.frameTitle", { title: view.title })} />
        </div>
      ) : (
        // As on the author's approval page: the article one heading level down, under the banner's h1.
        <StoryArticle ctx={ctx} view={view} episode={props.episode} preview />
      )}
    </Layout>
  );
}
