import fs from "node:fs";
import type { FastifyReply, FastifyRequest } from "fastify";

/** The one byte range asked for, or "unsatisfiable"; null when none (or a form we do not serve) was asked. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | "unsatisfiable" | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // Several ranges at once: the whole file is a valid answer.
  if (!m) return null;
  const [, from = "", to = ""] = m;
  if (from === "" && to === "") return null;
  if (from === "") {
    const suffix = Number(to);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === "" ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) return "unsatisfiable";
  return { start, end };
}

/**
 * Sends a private file that a player must be able to seek in: `Range` answered with 206, never
 * stored by a browser or a proxy (`no-store`). The caller has already checked who may hear it.
 */
export async function sendPrivateFile(req: FastifyRequest, reply: FastifyReply, file: string, type: string): Promise<FastifyReply> {
  const stat = await fs.promises.stat(file).catch(() => null);
  if (!stat?.isFile()) {
    reply.callNotFound();
    return reply;
  }
  reply.header("cache-control", "no-store").header("accept-ranges", "bytes").header("content-disposition", "inline").type(type);
  const range = parseRange(req.headers.range, stat.size);
  if (range === "unsatisfiable") return reply.code(416).header("content-range", `bytes */${stat.size}`).send();
  if (!range) return reply.header("content-length", stat.size).send(fs.createReadStream(file));
  return reply
    .code(206)
    .header("content-range", `bytes ${range.start}-${range.end}/${stat.size}`)
    .header("content-length", range.end - range.start + 1)
    .send(fs.createReadStream(file, { start: range.start, end: range.end }));
}
