import { Layout } from "../../platform/html/layout.js";
import type { PageContext } from "../../platform/html/page-context.js";
import type { CardView } from "../story.present.js";
import { CardList } from "./story-card.js";

export type TaxonomyItem = { href: string; name: string; description: string; count: string; badge?: string };

export function TaxonomyList({ items }: { items: TaxonomyItem[] }) {
  return (
    <ul class="taxonomy">
      {items.map((i) => (
        <li key={i.href}>
          <h3>
            <a href={i.href}>{i.name}</a>
          </h3>
          {i.badge && <p class="badge">{i.badge}</p>}
          {i.description && <p>{i.description}</p>}
          <p class="count-small">{i.count}</p>
        </li>
      ))}
    </ul>
  );
}

export function TaxonomyIndexPage(props: { ctx: PageContext; title: string; items: TaxonomyItem[]; current: "themes" | "series" }) {
  return (
    <Layout ctx={props.ctx} title={props.title} current={props.current}>
      <div class="wrap">
        <h1>{props.title}</h1>
        <h2 class="visually-hidden">{props.title}</h2>
        <TaxonomyList items={props.items} />
      </div>
    </Layout>
  );
}

export function SeriesPageView(props: {
  ctx: PageContext;
  title: string;
  description: string;
  badge: string | null;
  count: string;
  parts: CardView[];
  feeds: Array<{ title: string; href: string; type: string }>;
}) {
  return (
    <Layout ctx={props.ctx} title={props.title} description={props.description} current="series" feeds={props.feeds}>
      <div class="wrap">
        <nav aria-label={props.ctx.t("nav.breadcrumb")} class="breadcrumb">
          <ol>
            <li>
              <a href="/">{props.ctx.t("nav.home")}</a>
            </li>
            <li>
              <a href="/series">{props.ctx.t("nav.series")}</a>
            </li>
          </ol>
        </nav>
        <h1>{props.title}</h1>
        {props.badge && <p class="badge">{props.badge}</p>}
        {props.description && <p class="lead">{props.description}</p>}
        <h2 class="count">{props.count}</h2>
        <CardList cards={props.parts} lang={props.ctx.locale === "fr" ? undefined : "fr"} />
      </div>
    </Layout>
  );
}
