import type { Db } from "../database.js";
import { markContentChanged } from "../platform/cache/content-version.js";
import type { Clock } from "../platform/clock.js";
import type { MessageKey } from "../platform/i18n/translate.js";
import { isValidSlug, slugify } from "./story.js";
import * as seriesStore from "./series.store.js";
import * as themeStore from "./theme.store.js";

/**
 * Themes and series, as editors manage them. Every change marks the content version in its own
 * transaction, so it shows on public pages at the next request.
 */
export type TaxonomyDeps = { db: Db; clock: Clock };

/** Errors are catalogue keys, translated by the page's form. */
export type TaxonomyResult = { ok: true; id: number } | { ok: false; errors: Record<string, MessageKey> };

export type ThemeInput = { name: string; slug: string; description: string; position: number };
export type SeriesInput = { title: string; slug: string; description: string; isCollection: boolean };

async function checkedSlug(
  requested: string,
  fallbackFrom: string,
  isTaken: (slug: string) => Promise<boolean>,
): Promise<{ slug: string } | { error: MessageKey }> {
  const slug = requested || slugify(fallbackFrom);
  if (!isValidSlug(slug)) return { error: "admin.stories.error.slugInvalid" };
  if (await isTaken(slug)) return { error: "admin.stories.error.addressInUse" };
  return { slug };
}

export function listThemes(deps: Pick<TaxonomyDeps, "db">) {
  return themeStore.listThemes(deps.db);
}

export function findTheme(deps: Pick<TaxonomyDeps, "db">, id: number) {
  return themeStore.findThemeById(deps.db, id);
}

export async function saveTheme(deps: TaxonomyDeps, id: number | null, input: ThemeInput): Promise<TaxonomyResult> {
  const slug = await checkedSlug(input.slug, input.name, (s) => themeStore.isThemeSlugTaken(deps.db, s, id ?? undefined));
  if ("error" in slug) return { ok: false, errors: { slug: slug.error } };
  const values = { ...input, slug: slug.slug };
  const savedId = await deps.db.transaction().execute(async (tx) => {
    let saved = id;
    if (saved === null) saved = await themeStore.insertTheme(tx, values);
    else await themeStore.updateTheme(tx, saved, values);
    await markContentChanged(tx, deps.clock.now().toISOString());
    return saved;
  });
  return { ok: true, id: savedId };
}

export async function deleteTheme(deps: TaxonomyDeps, id: number): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    await themeStore.deleteTheme(tx, id);
    await markContentChanged(tx, deps.clock.now().toISOString());
  });
}

export function listAllSeries(deps: Pick<TaxonomyDeps, "db">) {
  return seriesStore.listSeries(deps.db);
}

export function findSeries(deps: Pick<TaxonomyDeps, "db">, id: number) {
  return seriesStore.findSeriesById(deps.db, id);
}

export async function saveSeries(deps: TaxonomyDeps, id: number | null, input: SeriesInput): Promise<TaxonomyResult> {
  const slug = await checkedSlug(input.slug, input.title, (s) => seriesStore.isSeriesSlugTaken(deps.db, s, id ?? undefined));
  if ("error" in slug) return { ok: false, errors: { slug: slug.error } };
  const values = { ...input, slug: slug.slug };
  const now = deps.clock.now().toISOString();
  const savedId = await deps.db.transaction().execute(async (tx) => {
    let saved = id;
    if (saved === null) saved = await seriesStore.insertSeries(tx, { ...values, createdAt: now });
    else await seriesStore.updateSeries(tx, saved, values);
    await markContentChanged(tx, now);
    return saved;
  });
  return { ok: true, id: savedId };
}

/** A deleted series leaves its stories in place, outside any series. */
export async function deleteSeries(deps: TaxonomyDeps, id: number): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    await seriesStore.deleteSeries(tx, id);
    await markContentChanged(tx, deps.clock.now().toISOString());
  });
}
