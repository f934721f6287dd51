import type { Translate } from "../i18n/translate.js";

/** Numbered pagination: first, last, and two pages around the current one, as plain links. */
export function Pagination(props: { t: Translate; page: number; pages: number; href: (page: number) => string }) {
  const { t, page, pages } = props;
  if (pages <= 1) return null;
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  const items: Array<number | "gap"> = [];
  shown.forEach((p, i) => {
    if (i > 0 && p - (shown[i - 1] as number) > 1) items.push("gap");
    items.push(p);
  });
  return (
    <nav class="pagination" aria-label={t("pagination.label")}>
      <p class="visually-hidden">{t("pagination.status", { page, pages })}</p>
      <ul>
        {page > 1 && (
          <li>
            <a href={props.href(page - 1)} rel="prev">
              {t("pagination.previous")}
            </a>
          </li>
        )}
        {items.map((item, i) =>
          item === "gap" ? (
            <li key={`gap-${i}`} class="gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li key={item}>
              <a href={props.href(item)} aria-current={item === page ? "page" : undefined} aria-label={t("pagination.page", { page: item })}>
                {item}
              </a>
            </li>
          ),
        )}
        {page < pages && (
          <li>
            <a href={props.href(page + 1)} rel="next">
              {t("pagination.next")}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
