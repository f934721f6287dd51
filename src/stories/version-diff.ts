import { diffArrays, diffWordsWithSpace } from "diff";
import { renderMarkdown } from "../platform/html/markdown.js";
import type { MessageKey } from "../platform/i18n/translate.js";
import type { Translate } from "../platform/i18n/translate.js";
import { type Credit, creditLabel, parseCreditSpec } from "./story.js";
import type { StoryVersion } from "./story-version.js";

/**
 * Readable comparison of two versions, field by field, identity fields first, with labels and
 * names rather than codes or ids, and the body compared paragraph by paragraph as readers see it
 * (Markdown marks removed). Shared by the back-office history and the author's approval page.
 */

export type DiffPart = { value: string; added?: boolean; removed?: boolean };
/** One changed field; `blocks` holds the paragraphs of long texts, each a list of parts. */
export type FieldChange = { key: string; label: string; blocks: DiffPart[][] };

/** What turns ids and codes into words; the caller knows themes, series and images. */
export type VersionNames = {
  t: Translate;
  theme(id: number): string;
  series(id: number): string;
  /** Readable lines for another feature's part (the podcast episode), by field. */
  part?(name: string, value: unknown): Array<{ key: string; label: string; text: string }>;
};

export function creditText(t: Translate, credit: Credit): string {
  return creditLabel(credit, { anonymous: t("story.anonymous"), age: (name, age) => t("story.age", { name, age }) });
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

/** The text a reader sees of one Markdown block: rendered (bounded, cached), then its tags dropped. */
function readableText(block: string): string {
  return renderMarkdown(block)
    .replace(/<[^>]*>/g, " ")
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e)
    .replace(/\s+/g, " ")
    .trim();
}

/** A body as a reader sees it, one entry per paragraph; a collective story's voice lines become their credits. */
export function readableParagraphs(t: Translate, markdown: string): string[] {
  return markdown
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split("\n")
        .map((line) => {
          const voice = /^@voix\s+(.+)$/.exec(line.trim());
          if (!voice) return line;
          const credit = parseCreditSpec(voice[1] as string);
          return credit ? `— ${creditText(t, credit)} —` : line;
        })
        .join("\n"),
    )
    .map((block) => readableText(block))
    .filter((text) => text.length > 0);
}

type Field = { key: string; label: MessageKey; text(v: StoryVersion, n: VersionNames): string[] };

const one = (s: string) => (s ? [s] : []);

// Identity first: how the author is signed and what could make them recognisable come before the rest.
const FIELDS: Field[] = [
  // The kind of signature in words ("Pseudonyme : Nour", "Anonyme"): changing the kind matters as much as the name.
  {
    key: "credit",
    label: "version.field.credit",
    text: (v, n) => [v.credit.kind === "anonymous" ? creditText(n.t, v.credit) : n.t(`version.credit.${v.credit.kind}`, { credit: creditText(n.t, v.credit) })],
  },
  { key: "title", label: "version.field.title", text: (v) => one(v.title) },
  { key: "standfirst", label: "version.field.standfirst", text: (v) => one(v.standfirst) },
  { key: "slug", label: "version.field.address", text: (v) => [`/temoignages/${v.slug}`] },
  {
    key: "cover",
    label: "version.field.cover",
    text: (v, n) => (v.coverImageId === null ? [n.t("version.noCover")] : [n.t("version.coverWithAlt", { id: v.coverImageId, alt: v.coverAlt || n.t("version.decorative") })]),
  },
  { key: "contentNotes", label: "version.field.contentNotes", text: (v, n) => one(v.contentNotes.map((c) => n.t(`note.${c}` as MessageKey)).join(", ")) },
  { key: "themes", label: "version.field.themes", text: (v, n) => one(v.themeIds.map((id) => n.theme(id)).join(", ")) },
  {
    key: "series",
    label: "version.field.series",
    text: (v, n) => (v.seriesId === null ? [] : [n.t("version.seriesPart", { series: n.series(v.seriesId), position: v.seriesPosition ?? "?" })]),
  },
  { key: "kind", label: "version.field.kind", text: (v, n) => [n.t(v.kind === "podcast" ? "version.kind.podcast" : "version.kind.article")] },
  { key: "body", label: "version.field.body", text: (v, n) => readableParagraphs(n.t, v.body) },
];

function blocksOf(before: string[], after: string[]): DiffPart[][] {
  const blocks: DiffPart[][] = [];
  const changes = diffArrays(before, after);
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i] as (typeof changes)[number];
    const next = changes[i + 1];
    // A paragraph rewritten in place reads best as a word diff within the paragraph.
    if (change.removed && next?.added) {
      const pairs = Math.max(change.value.length, next.value.length);
      for (let k = 0; k < pairs; k++) {
        const a = change.value[k];
        const b = next.value[k];
        if (a !== undefined && b !== undefined) blocks.push(diffWordsWithSpace(a, b).map((p) => ({ value: p.value, added: p.added, removed: p.removed })));
        else if (a !== undefined) blocks.push([{ value: a, removed: true }]);
        else if (b !== undefined) blocks.push([{ value: b, added: true }]);
      }
      i++;
      continue;
    }
    for (const value of change.value) blocks.push([{ value, added: change.added || undefined, removed: change.removed || undefined }]);
  }
  return blocks;
}

/**
 * The fields that differ between `before` and `after` (every field of `after` when there is no
 * `before`), each with its paragraphs marked as added, removed or kept.
 */
export function compareVersions(before: StoryVersion | null, after: StoryVersion, names: VersionNames): FieldChange[] {
  const changes: FieldChange[] = [];
  const push = (key: string, label: string, a: string[], b: string[]) => {
    if (before !== null && a.join("\n\n") === b.join("\n\n")) return;
    changes.push({ key, label, blocks: blocksOf(a, b) });
  };
  for (const field of FIELDS) push(field.key, names.t(field.label), before ? field.text(before, names) : [], field.text(after, names));
  if (names.part) {
    const partNames = new Set([...Object.keys(before?.parts ?? {}), ...Object.keys(after.parts)]);
    for (const name of partNames) {
      const a = before && name in before.parts ? names.part(name, before.parts[name]) : [];
      const b = name in after.parts ? names.part(name, after.parts[name]) : [];
      for (const line of b.length ? b : a) {
        const old = a.find((x) => x.key === line.key)?.text ?? "";
        const now = b.find((x) => x.key === line.key)?.text ?? "";
        push(`${name}.${line.key}`, line.label, old ? old.split(/\n\s*\n/) : [], now ? now.split(/\n\s*\n/) : []);
      }
    }
  }
  return changes;
}
