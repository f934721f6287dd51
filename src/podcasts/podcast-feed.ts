import { createHash } from "node:crypto";
import { escapeXml } from "../platform/html/xml.js";
import { formatTimestamp } from "./webvtt.js";

/**
 * RSS 2.0 for podcast apps: Apple's iTunes tags and the Podcasting 2.0 namespace (transcripts,
 * chapters, persons, locked, guid). Written by hand like the site's other feeds: the format is small
 * and every element is checked by the tests against a third-party parser and the raw XML.
 */

// The namespace the Podcasting 2.0 spec fixes for podcast:guid.
const PODCAST_GUID_NAMESPACE = "ead4c236-bf58-58c6-a2c6-a6b28d128cb6";

/** RFC 4122 version 5 (SHA-1, name-based) UUID. */
export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  const hash = createHash("sha1").update(ns).update(name, "utf8").digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** podcast:guid: UUIDv5 of the feed URL without its scheme and trailing slashes, as the spec says. */
export function podcastGuid(feedUrl: string): string {
  return uuidV5(feedUrl.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").replace(/\/+$/, ""), PODCAST_GUID_NAMESPACE);
}

export type FeedChannel = {
  title: string;
  link: string;
  feedUrl: string;
  description: string;
  type: "episodic" | "serial";
  imageUrl: string;
  author: string;
  owner: { name: string; email: string };
  license: { name: string; url: string };
  lastBuild: string | null;
};

export type FeedEpisode = {
  guid: string;
  title: string;
  link: string;
  /** Content notes first, then the standfirst: a listener decides before pressing play. */
  description: string;
  publishedAt: string;
  audioUrl: string;
  audioBytes: number;
  durationMs: number;
  season: number | null;
  number: number | null;
  transcripts: Array<{ url: string; type: "text/vtt" | "text/plain" }>;
  chaptersUrl: string | null;
  guest: string;
  host: string;
};

/** HH:MM:SS, the form every podcast app reads. */
export function itunesDuration(ms: number): string {
  return formatTimestamp(Math.round(ms / 1000) * 1000).slice(0, 8);
}

const el = (name: string, text: string, attrs = "") => `<${name}${attrs}>${escapeXml(text)}</${name}>`;
const attr = (name: string, value: string) => ` ${name}="${escapeXml(value)}"`;

function itemXml(e: FeedEpisode): string {
  return [
    "<item>",
    el("title", e.title),
    el("itunes:title", e.title),
    el("link", e.link),
    el("description", e.description),
    el("itunes:summary", e.description),
    el("guid", e.guid, attr("isPermaLink", "false")),
    el("pubDate", new Date(e.publishedAt).toUTCString()),
    `<enclosure${attr("url", e.audioUrl)}${attr("length", String(e.audioBytes))}${attr("type", "audio/mpeg")}/>`,
    el("itunes:duration", itunesDuration(e.durationMs)),
    el("itunes:episodeType", "full"),
    e.season !== null ? el("itunes:season", String(e.season)) : "",
    e.number !== null ? el("itunes:episode", String(e.number)) : "",
    el("itunes:explicit", "false"),
    e.season !== null ? el("podcast:season", String(e.season)) : "",
    e.number !== null ? el("podcast:episode", String(e.number)) : "",
    ...e.transcripts.map((t) => `<podcast:transcript${attr("url", t.url)}${attr("type", t.type)}${attr("language", "fr")}${t.type === "text/vtt" ? attr("rel", "captions") : ""}/>`),
    e.chaptersUrl ? `<podcast:chapters${attr("url", e.chaptersUrl)}${attr("type", "application/json+chapters")}/>` : "",
    el("podcast:person", e.guest, attr("role", "guest")),
    el("podcast:person", e.host, attr("role", "host")),
    "</item>",
  ]
    .filter(Boolean)
    .join("");
}

export function podcastFeedXml(channel: FeedChannel, episodes: FeedEpisode[]): string {
  const head = [
    el("title", channel.title),
    el("link", channel.link),
    el("description", channel.description),
    el("language", "fr"),
    el("copyright", channel.license.name),
    channel.lastBuild ? el("lastBuildDate", new Date(channel.lastBuild).toUTCString()) : "",
    `<atom:link${attr("href", channel.feedUrl)} rel="self" type="application/rss+xml"/>`,
    `<image>${el("url", channel.imageUrl)}${el("title", channel.title)}${el("link", channel.link)}</image>`,
    `<itunes:image${attr("href", channel.imageUrl)}/>`,
    el("itunes:type", channel.type),
    el("itunes:author", channel.author),
    el("itunes:summary", channel.description),
    `<itunes:owner>${el("itunes:name", channel.owner.name)}${el("itunes:email", channel.owner.email)}</itunes:owner>`,
    `<itunes:category${attr("text", "Health & Fitness")}><itunes:category${attr("text", "Mental Health")}/></itunes:category>`,
    el("itunes:explicit", "false"),
    el("podcast:guid", podcastGuid(channel.feedUrl)),
    el("podcast:locked", "yes", attr("owner", channel.owner.email)),
    el("podcast:license", channel.license.name, attr("url", channel.license.url)),
    el("podcast:medium", "podcast"),
  ]
    .filter(Boolean)
    .join("\n");
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0">\n` +
    `<channel>\n${head}\n${episodes.map(itemXml).join("\n")}\n</channel>\n</rss>\n`
  );
}

/** "Entre Pairs <ne-pas-repondre@exemple.fr>" → its name and address, for itunes:owner. */
export function parseMailbox(mailbox: string, fallbackName: string): { name: string; email: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(mailbox);
  if (m) return { name: (m[1] as string).trim() || fallbackName, email: m[2] as string };
  return { name: fallbackName, email: mailbox.trim() };
}
