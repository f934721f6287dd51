import { Layout } from "../../platform/html/layout.js";
import type { PageContext } from "../../platform/html/page-context.js";

/** What an old address shows while its story waits here (an episode's transcript or audio). */
export function MovedPage({ ctx, title }: { ctx: PageContext; title: string }) {
  return (
    <Layout ctx={ctx} title={ctx.t("moved.pageTitle")} noindex>
      <div class="wrap narrow">
        <h1>{ctx.t("moved.heading", { title })}</h1>
        <p>{ctx.t("moved.text")}</p>
        <p>
          <a href="/temoignages">{ctx.t("moved.browse")}</a>
        </p>
        <p class="callout">{ctx.t("footer.crisis")}</p>
      </div>
    </Layout>
  );
}
