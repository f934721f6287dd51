import { translator } from "../platform/i18n/translate.js";
import { type Refusal, refusalsText } from "../stories/story-refusal.js";

/**
 * The report of an import, the same object whether the import ran or only checked (a dry run):
 * `--json` prints it as it is; the command line and the back office say it in French sentences.
 */
export type ImportReport = {
  stories: { published: number; draft: number; review: number; scheduled: number };
  pages: number;
  themes: number;
  tags: number;
  authors: number;
  media: number;
  episodes: number;
  redirects: number;
  comments: number;
  skipped: Array<{ wordpressId: number; title: string; reason: string }>;
  warnings: Array<{ wordpressId: number | null; title: string | null; message: string }>;
};

/** Why a story was not released, in the report's language: French, as the rest of the report is still written. */
export function refusalsInFrench(refusals: readonly Refusal[]): string {
  return refusalsText(translator("fr"), refusals);
}

export function emptyReport(): ImportReport {
  return { stories: { published: 0, draft: 0, review: 0, scheduled: 0 }, pages: 0, themes: 0, tags: 0, authors: 0, media: 0, episodes: 0, redirects: 0, comments: 0, skipped: [], warnings: [] };
}

const n = (count: number, one: string, other: string) => `${count.toLocaleString("fr-FR")} ${count <= 1 ? one : other}`;

/** The report as French sentences, one a line, for the command line and the back office. */
export function reportSentences(report: ImportReport, dryRun: boolean): string[] {
  const s = report.stories;
  const lines = [
    dryRun ? "Essai à blanc : rien n'a été écrit. Voici ce que l'import ferait." : "Import terminé.",
    `Témoignages : ${n(s.published, "publié", "publiés")}, ${n(s.scheduled, "programmé", "programmés")}, ${n(s.review, "en relecture", "en relecture")}, ${n(s.draft, "brouillon", "brouillons")}.`,
    `${n(report.pages, "page", "pages")}, ${n(report.themes, "thème", "thèmes")}, ${n(report.tags, "étiquette gardée", "étiquettes gardées")}, ${n(report.authors, "auteur ou autrice crédité", "auteurs et autrices crédités")}.`,
    `${n(report.media, "image", "images")} dans la médiathèque, ${n(report.episodes, "épisode de podcast", "épisodes de podcast")}.`,
    `${n(report.redirects, "ancienne adresse redirige", "anciennes adresses redirigent")} vers la nouvelle.`,
    `${n(report.comments, "commentaire n'est pas importé", "commentaires ne sont pas importés")} : Entre Pairs n'a pas de commentaires publics.`,
  ];
  if (report.skipped.length > 0) {
    lines.push(`${n(report.skipped.length, "élément n'est pas importé", "éléments ne sont pas importés")} :`);
    for (const item of report.skipped) lines.push(`  - n° ${item.wordpressId}${item.title ? ` « ${item.title} »` : ""} : ${item.reason}`);
  }
  if (report.warnings.length > 0) {
    lines.push(`${n(report.warnings.length, "avertissement", "avertissements")} :`);
    for (const w of report.warnings) lines.push(`  - ${w.wordpressId !== null ? `n° ${w.wordpressId}${w.title ? ` « ${w.title} »` : ""} : ` : ""}${w.message}`);
  }
  return lines;
}
