/**
 * A strict WebVTT reader and writer for episode transcripts. Strict so that what an editor pastes
 * is either understood exactly or refused with the line to fix: a transcript is required before
 * an episode goes public, and listeners follow it cue by cue.
 */

export type Cue = {
  /** The cue identifier line, when there is one. */
  id: string | null;
  startMs: number;
  endMs: number;
  /** From the first `<v Name>` voice tag; other tags are dropped. */
  speaker: string | null;
  /** The cue text without tags, lines joined by "\n". */
  text: string;
};

/** Why a WebVTT transcript was refused: a catalogue key, translated by the page. */
export type VttErrorKey =
  | "admin.podcast.webvtt.header"
  | "admin.podcast.webvtt.blankAfterHeader"
  | "admin.podcast.webvtt.styleFirst"
  | "admin.podcast.webvtt.noTiming"
  | "admin.podcast.webvtt.timingExpected"
  | "admin.podcast.webvtt.timingUnreadable"
  | "admin.podcast.webvtt.start"
  | "admin.podcast.webvtt.end"
  | "admin.podcast.webvtt.endBeforeStart"
  | "admin.podcast.webvtt.order"
  | "admin.podcast.webvtt.arrowInText"
  | "admin.podcast.webvtt.noText"
  | "admin.podcast.webvtt.noCues";

/** The only error the parser throws, naming the line to fix (1-based) and, when it helps, the text at fault. */
export class VttError extends Error {
  readonly values: { line: number; text?: string };
  constructor(
    readonly line: number,
    readonly key: VttErrorKey,
    text?: string,
  ) {
    super(`${key} (line ${line})`);
    this.name = "VttError";
    this.values = text === undefined ? { line } : { line, text };
  }
}

const TIMESTAMP = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;
const ARROW = "-->";

function parseTimestamp(text: string): number | null {
  const m = TIMESTAMP.exec(text);
  if (!m) return null;
  const hours = m[1] === undefined ? 0 : Number(m[1]);
  return ((hours * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4]);
}

/** HH:MM:SS.mmm, hours always written so the files read the same from the first cue to the last. */
export function formatTimestamp(ms: number): string {
  const total = Math.max(0, Math.floor(ms));
  const milli = total % 1000;
  const seconds = Math.floor(total / 1000) % 60;
  const minutes = Math.floor(total / 60_000) % 60;
  const hours = Math.floor(total / 3_600_000);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(hours)}:${two(minutes)}:${two(seconds)}.${String(milli).padStart(3, "0")}`;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", nbsp: "\u00a0", lrm: "\u200e", rlm: "\u200f", quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|nbsp|lrm|rlm|quot|apos);/g, (_all, name: string) => ENTITIES[name] as string);
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Reads one cue's payload: the first voice tag gives the speaker, every tag is then removed. */
function readPayload(lines: string[]): { speaker: string | null; text: string } {
  const joined = lines.join("\n");
  const voice = /<v(?:\.[^\s>]*)?[ \t]+([^>]*)>/.exec(joined);
  const speaker = voice ? decodeEntities((voice[1] as string).trim()) || null : null;
  const text = decodeEntities(joined.replace(/<[^>]*>/g, ""))
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .join("\n");
  return { speaker, text };
}

export type VttDocument = { cues: Cue[] };

/** Parses a whole WebVTT file. Throws VttError (and nothing else) on anything it does not accept. */
export function parseVtt(input: string): VttDocument {
  const lines = input.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const first = lines[0] ?? "";
  if (!/^WEBVTT(?:[ \t].*)?$/.test(first)) throw new VttError(1, "admin.podcast.webvtt.header");
  let i = 1;
  // Header lines run until the first blank line.
  while (i < lines.length && (lines[i] as string).trim() !== "") {
    if ((lines[i] as string).includes(ARROW)) throw new VttError(i + 1, "admin.podcast.webvtt.blankAfterHeader");
    i++;
  }
  const cues: Cue[] = [];
  while (i < lines.length) {
    while (i < lines.length && (lines[i] as string).trim() === "") i++;
    if (i >= lines.length) break;
    const blockStart = i;
    const block: string[] = [];
    while (i < lines.length && (lines[i] as string).trim() !== "") block.push(lines[i++] as string);
    const head = block[0] as string;
    if (/^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(head) && !head.includes(ARROW)) {
      if (head.startsWith("NOTE")) continue;
      if (cues.length > 0) throw new VttError(blockStart + 1, "admin.podcast.webvtt.styleFirst");
      continue;
    }
    // A line starting like a time is a mistyped timing line, not an identifier.
    const hasId = !head.includes(ARROW) && !/^\d+:\d/.test(head);
    const timingIndex = hasId ? 1 : 0;
    const timing = block[timingIndex];
    const timingLine = blockStart + timingIndex + 1;
    if (timing === undefined || !timing.includes(ARROW)) {
      if (hasId && timing === undefined) throw new VttError(timingLine, "admin.podcast.webvtt.noTiming", head.slice(0, 40));
      throw new VttError(timingLine, "admin.podcast.webvtt.timingExpected");
    }
    const m = /^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t]+.*)?$/.exec(timing);
    if (!m) throw new VttError(timingLine, "admin.podcast.webvtt.timingUnreadable");
    const startMs = parseTimestamp(m[1] as string);
    const endMs = parseTimestamp(m[2] as string);
    if (startMs === null) throw new VttError(timingLine, "admin.podcast.webvtt.start", (m[1] as string).slice(0, 20));
    if (endMs === null) throw new VttError(timingLine, "admin.podcast.webvtt.end", (m[2] as string).slice(0, 20));
    if (endMs <= startMs) throw new VttError(timingLine, "admin.podcast.webvtt.endBeforeStart");
    const previous = cues.at(-1);
    if (previous && startMs < previous.startMs) throw new VttError(timingLine, "admin.podcast.webvtt.order");
    const payload = block.slice(timingIndex + 1);
    const arrowAt = payload.findIndex((l) => l.includes(ARROW));
    if (arrowAt >= 0) throw new VttError(timingLine + 1 + arrowAt, "admin.podcast.webvtt.arrowInText");
    const { speaker, text } = readPayload(payload);
    if (text === "") throw new VttError(timingLine, "admin.podcast.webvtt.noText");
    cues.push({ id: hasId ? head.trim() : null, startMs, endMs, speaker, text });
  }
  if (cues.length === 0) throw new VttError(lines.length, "admin.podcast.webvtt.noCues");
  return { cues };
}

/** Writes cues as WebVTT that parseVtt reads back to the same cues. */
export function serializeVtt(doc: VttDocument): string {
  const blocks = doc.cues.map((c) => {
    const name = c.speaker ? escapeText(c.speaker) : "";
    // A name ending in "-" would close its tag as "-->", which reads as a timing line: a space keeps them apart.
    const voice = name ? `<v ${name}${name.endsWith("-") ? " " : ""}>` : "";
    const id = c.id ? `${c.id}\n` : "";
    return `${id}${formatTimestamp(c.startMs)} --> ${formatTimestamp(c.endMs)}\n${voice}${escapeText(c.text)}`;
  });
  return `WEBVTT\n\n${blocks.join("\n\n")}\n`;
}

/** The plain-text transcript: one paragraph per change of speaker, names first. */
export function vttToPlainText(doc: VttDocument): string {
  const paragraphs: string[] = [];
  let speaker: string | null | undefined;
  for (const cue of doc.cues) {
    const text = cue.text.replace(/\n/g, " ");
    if (cue.speaker !== speaker || paragraphs.length === 0) {
      paragraphs.push(cue.speaker ? `${cue.speaker} : ${text}` : text);
      speaker = cue.speaker;
    } else {
      paragraphs[paragraphs.length - 1] += ` ${text}`;
    }
  }
  return `${paragraphs.join("\n\n")}\n`;
}
