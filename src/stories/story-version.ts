import { createHash } from "node:crypto";
import type { Queryable } from "../database.js";
import type { StorySnapshot } from "./story-editing.service.js";
import type { ContentNote, Credit, StoryFormat, StoryKind } from "./story.js";

/**
 * A version is everything the public would see of a story: its words, how they are signed, its
 * address, cover, themes and series, and the parts other features add (a podcast episode's audio,
 * transcript and chapters). An author approves a version, an editor signs the safe-messaging
 * checklist for a version, and only a version that passed every guard is ever released to readers.
 * Its fingerprint covers all of it, so nothing public can change without a new approval.
 */
export type StoryVersion = {
  slug: string;
  kind: StoryKind;
  format: StoryFormat;
  title: string;
  standfirst: string;
  /** Markdown; a collective story's voices follow "@voix" lines. */
  body: string;
  themeIds: number[];
  seriesId: number | null;
  seriesPosition: number | null;
  credit: Credit;
  contentNotes: ContentNote[];
  coverImageId: number | null;
  coverAlt: string;
  /** What other features add to a version, by part name (see VersionPart). */
  parts: Record<string, unknown>;
};

/** The public version of an editable snapshot, normalised so equal content has equal fingerprints. */
export function versionOf(snapshot: StorySnapshot): StoryVersion {
  const credit: Credit =
    snapshot.credit.kind === "anonymous"
      ? { kind: "anonymous", name: "", age: null }
      : { kind: snapshot.credit.kind, name: snapshot.credit.name, age: snapshot.credit.kind === "first_name_age" ? snapshot.credit.age : null };
  return {
    slug: snapshot.slug,
    kind: snapshot.kind,
    format: snapshot.format,
    title: snapshot.title,
    standfirst: snapshot.standfirst,
    body: snapshot.body,
    themeIds: [...new Set(snapshot.themeIds)].sort((a, b) => a - b),
    seriesId: snapshot.seriesId,
    seriesPosition: snapshot.seriesId === null ? null : snapshot.seriesPosition,
    credit,
    contentNotes: [...new Set(snapshot.contentNotes)].sort(),
    coverImageId: snapshot.coverImageId,
    coverAlt: snapshot.coverImageId === null ? "" : snapshot.coverAlt,
    parts: snapshot.parts ?? {},
  };
}

/** JSON with object keys sorted at every level, so a fingerprint never depends on key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function fingerprintOf(version: StoryVersion): string {
  return createHash("sha256").update(canonical(version)).digest("base64url");
}

/**
 * Another feature's share of a version (the podcasts feature adds the episode). `read` takes the
 * part from the working copy; `release` and `retract` run inside the transaction that makes a
 * version public or takes it down, so the feature's public table always follows the story's.
 */
export type VersionPart = {
  name: string;
  read(db: Queryable, storyId: number): Promise<unknown>;
  release(tx: Queryable, storyId: number, part: unknown): Promise<void>;
  retract(tx: Queryable, storyId: number): Promise<void>;
};

/** A version as it went public, rendered: what a release listener may index. */
export type ReleasedText = { title: string; standfirst: string; bodyHtml: string; voicesHtml: string[] };

/**
 * Told, inside the release door's transaction, when a version goes public and when a story is
 * taken down: an index of public stories (search) can then never disagree with what readers see.
 */
export type ReleaseListener = {
  released(tx: Queryable, storyId: number, version: StoryVersion, text: ReleasedText): Promise<void>;
  retracted(tx: Queryable, storyId: number): Promise<void>;
};
