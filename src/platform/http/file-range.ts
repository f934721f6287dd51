import type { FastifyReply, FastifyRequest } from "fastify";
import type { FileStore } from "../files/file-store.js";

/**
 * Files a player must be able to seek in, with HTTP byte ranges (RFC 9110 §14): the one sender
 * of the site, for public episodes and private recordings alike. Only single ranges are served —
 * what browsers and podcast apps ask for; several ranges, another unit or a malformed or inverted
 * range get the whole file, as the RFC allows. HEAD is answered without reading the file.
 */
export type RangeAnswer = { kind: "whole" } | { kind: "partial"; start: number; end: number } | { kind: "unsatisfiable" };

export function parseRange(header: string | undefined, size: number): RangeAnswer {
  if (header === undefined) return { kind: "whole" };
  const m = /^bytes=[ \t]*(\d*)-(\d*)[ \t]*$/.exec(header);
  if (!m || (m[1] === "" && m[2] === "")) return { kind: "whole" };
  const first = m[1] as string;
  const last = m[2] as string;
  if (first === "") {
    // bytes=-n: the last n bytes.
    const n = Number(last);
    if (n === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return { kind: "unsatisfiable" };
  if (last === "") return { kind: "partial", start, end: size - 1 };
  const end = Number(last);
  if (end < start) return { kind: "whole" };
  return { kind: "partial", start, end: Math.min(end, size - 1) };
}

/** Whether a request starts playback from the beginning: no range, or a range from byte 0. */
export function startsAtZero(header: string | undefined): boolean {
  if (header === undefined) return true;
  return /^bytes=[ \t]*0+-/.test(header);
}

export type SendFileOptions = {
  type: string;
  cacheControl: string;
  /** A strong validator: a matching If-None-Match gets 304. */
  etag?: string;
  /** Called when a GET sends the file from its first byte (a playback starting). */
  onPlaybackStart?: () => void;
};

/** Sends a stored file the caller has already allowed this request to read; 404 when it is not there. */
export async function sendFile(req: FastifyRequest, reply: FastifyReply, store: FileStore, key: string, opts: SendFileOptions): Promise<FastifyReply> {
  const stat = await store.stat(key);
  if (!stat) {
    reply.callNotFound();
    return reply;
  }
  const size = stat.size;
  reply.header("accept-ranges", "bytes").header("cache-control", opts.cacheControl).type(opts.type);
  if (opts.etag) {
    reply.header("etag", opts.etag);
    if (req.headers["if-none-match"] === opts.etag) return reply.code(304).send();
  }
  const rangeHeader = typeof req.headers.range === "string" ? req.headers.range : undefined;
  const range = parseRange(rangeHeader, size);
  if (range.kind === "unsatisfiable") return reply.code(416).header("content-range", `bytes */${size}`).header("content-length", "0").send();
  const start = range.kind === "partial" ? range.start : 0;
  const end = range.kind === "partial" ? range.end : size - 1;
  if (req.method === "HEAD" || size === 0) {
    if (range.kind === "partial") reply.code(206).header("content-range", `bytes ${start}-${end}/${size}`);
    return reply.header("content-length", String(Math.max(0, end - start + 1))).send();
  }
  // Opened before any status is set: removed since the stat, it is a 404, not a broken 200.
  const body = range.kind === "partial" ? await store.readRange(key, start, end) : await store.readStream(key);
  if (!body) {
    reply.callNotFound();
    return reply;
  }
  if (req.method === "GET" && startsAtZero(rangeHeader)) opts.onPlaybackStart?.();
  if (range.kind === "partial") reply.code(206).header("content-range", `bytes ${start}-${end}/${size}`);
  reply.header("content-length", String(end - start + 1));
  return reply.send(body);
}
