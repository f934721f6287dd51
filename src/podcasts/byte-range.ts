/**
 * One HTTP byte range (RFC 9110 §14), the only kind browsers and podcast apps ask for when they
 * seek. Several ranges in one request are answered with the whole file, which the RFC allows.
 */
export type RangeAnswer = { kind: "whole" } | { kind: "partial"; start: number; end: number } | { kind: "unsatisfiable" };

export function parseRange(header: string | undefined, size: number): RangeAnswer {
  if (header === undefined) return { kind: "whole" };
  const m = /^bytes=[ \t]*(\d*)-(\d*)[ \t]*$/.exec(header);
  // A malformed or multi-range header is ignored: the whole file is a valid answer.
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
