import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform, type Readable } from "node:stream";
import yauzl from "yauzl";
import type { Params } from "../platform/i18n/translate.js";

/**
 * The site's `wp-content/uploads`, as a folder (command line) or a zip (back office). Files are
 * looked up by their path inside uploads ("2020/05/photo.jpg"), which comes from the export and
 * is never trusted: a folder never yields a file outside itself (symbolic links included), and a
 * zip with a path leaving its root, an entry larger than allowed or compressed suspiciously well
 * (a zip bomb) is refused whole, before anything is read from it.
 */

/** Why the uploads were refused: a catalogue key and its values, said in the reader's language (the form, a failed run's page, the command line); the message, in English, is for the log. */
export type UploadsErrorKey =
  | "admin.import.uploads.notZip"
  | "admin.import.uploads.pathOutside"
  | "admin.import.uploads.damaged"
  | "admin.import.uploads.tooManyFiles"
  | "admin.import.uploads.entryPathOutside"
  | "admin.import.uploads.entryTooLarge"
  | "admin.import.uploads.bomb"
  | "admin.import.uploads.entryUnreadable"
  | "admin.import.uploads.dirMissing";

export class UploadsError extends Error {
  constructor(
    message: string,
    readonly key: UploadsErrorKey,
    readonly values: Params = {},
  ) {
    super(message);
  }
}

export type UploadsSource = {
  /** Whether a file is there. */
  has(relative: string): Promise<boolean>;
  /** The file's bytes, null when absent, "too-large" past `maxBytes`. */
  read(relative: string, maxBytes: number): Promise<Buffer | null | "too-large">;
  /** Copies the file to `dest` (a private temporary file), with the same answers. */
  copyTo(relative: string, dest: string, maxBytes: number): Promise<true | null | "too-large">;
  close(): Promise<void>;
};

/** The largest file taken from the uploads: an episode's audio (the largest thing we accept). */
export const MAX_UPLOAD_ENTRY_BYTES = 400 * 1024 * 1024;
const MAX_ENTRIES = 500_000;
// Photos and audio barely compress; text compresses tenfold. A hundredfold is a bomb.
const MAX_RATIO = 100;

/** "2020/05/photo.jpg" from an export's address or attached-file value, or null. */
export function uploadsPath(value: string): string | null {
  let p = value.trim();
  const at = p.search(/\/wp-content\/uploads\//i);
  if (at >= 0) p = p.slice(at + "/wp-content/uploads/".length);
  else if (/^[a-z]+:\/\//i.test(p)) return null;
  p = p.split(/[?#]/)[0] as string;
  try {
    p = decodeURIComponent(p);
  } catch {
    return null;
  }
  p = p.replace(/^\/+/, "");
  if (!p || p.includes("\0") || p.includes("\\") || p.split("/").some((s) => s === ".." || s === ".")) return null;
  return p;
}

/** A folder given on the command line. */
export function openUploadsDir(dir: string): UploadsSource {
  let root: string;
  try {
    root = fs.realpathSync(dir);
    if (!fs.statSync(root).isDirectory()) throw new Error();
  } catch {
    throw new UploadsError(`uploads folder not found: ${dir}`, "admin.import.uploads.dirMissing", { dir });
  }
  const locate = async (relative: string): Promise<{ file: string; size: number } | null> => {
    const safe = uploadsPath(relative);
    if (!safe) return null;
    try {
      const real = await fs.promises.realpath(path.join(root, safe));
      if (!real.startsWith(root + path.sep)) return null;
      const stat = await fs.promises.stat(real);
      return stat.isFile() ? { file: real, size: stat.size } : null;
    } catch {
      return null;
    }
  };
  return {
    has: async (relative) => (await locate(relative)) !== null,
    async read(relative, maxBytes) {
      const found = await locate(relative);
      if (!found) return null;
      if (found.size > maxBytes) return "too-large";
      return fs.promises.readFile(found.file);
    },
    async copyTo(relative, dest, maxBytes) {
      const found = await locate(relative);
      if (!found) return null;
      if (found.size > maxBytes) return "too-large";
      await fs.promises.copyFile(found.file, dest);
      return true;
    },
    close: async () => {},
  };
}

/** Raised inside the copy when an entry turns out larger than allowed; answered as "too-large", never shown. */
class PastLimit extends Error {}

/** Bytes past the limit stop the stream: nothing larger than allowed is ever written or kept. */
function capped(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > maxBytes) done(new PastLimit());
      else done(null, chunk);
    },
  });
}

/** A zip of wp-content/uploads sent from the back office (or given to the command). */
export async function openUploadsZip(file: string): Promise<UploadsSource> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true }, (err, z) => (err ? reject(err) : resolve(z)));
  }).catch(() => {
    throw new UploadsError("the uploads archive is not a readable zip", "admin.import.uploads.notZip");
  });
  const entries = new Map<string, yauzl.Entry>();
  try {
    await new Promise<void>((resolve, reject) => {
      let count = 0;
      zip.on("error", (err: Error) =>
        reject(
          /relative path|absolute path|invalid characters/i.test(err.message)
            ? new UploadsError("a path of the archive leaves its root", "admin.import.uploads.pathOutside")
            : new UploadsError(`damaged archive: ${err.message}`, "admin.import.uploads.damaged"),
        ),
      );
      zip.on("end", () => resolve());
      zip.on("entry", (entry: yauzl.Entry) => {
        if (++count > MAX_ENTRIES) return reject(new UploadsError(`archive with over ${MAX_ENTRIES} entries`, "admin.import.uploads.tooManyFiles", { max: MAX_ENTRIES }));
        const name = entry.fileName;
        if (name.startsWith("/") || name.includes("\\") || name.includes("\0") || /^[a-z]:/i.test(name) || name.split("/").includes("..")) {
          return reject(new UploadsError(`archive entry outside its root: ${name.slice(0, 120)}`, "admin.import.uploads.entryPathOutside", { name: name.slice(0, 120) }));
        }
        if (!name.endsWith("/")) {
          if (entry.uncompressedSize > MAX_UPLOAD_ENTRY_BYTES) {
            return reject(new UploadsError(`archive entry over ${MAX_UPLOAD_ENTRY_BYTES} bytes: ${name.slice(0, 120)}`, "admin.import.uploads.entryTooLarge", { name: name.slice(0, 120), megabytes: MAX_UPLOAD_ENTRY_BYTES / (1024 * 1024) }));
          }
          if (entry.uncompressedSize > 1024 * 1024 && entry.uncompressedSize > MAX_RATIO * Math.max(1, entry.compressedSize)) {
            return reject(new UploadsError(`archive entry compressed over ${MAX_RATIO} times: ${name.slice(0, 120)}`, "admin.import.uploads.bomb", { name: name.slice(0, 120), ratio: MAX_RATIO }));
          }
          const relative = uploadsPath(name.replace(/^(.*\/)?uploads\//i, "")) ?? "";
          if (relative && !entries.has(relative)) entries.set(relative, entry);
        }
        zip.readEntry();
      });
      zip.readEntry();
    });
  } catch (error) {
    zip.close();
    throw error;
  }
  const open = (entry: yauzl.Entry) =>
    new Promise<Readable>((resolve, reject) => zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream))));
  const entryOf = (relative: string) => {
    const safe = uploadsPath(relative);
    return safe ? (entries.get(safe) ?? null) : null;
  };
  async function copyEntry(entry: yauzl.Entry, sink: NodeJS.WritableStream, maxBytes: number): Promise<true | "too-large"> {
    if (entry.uncompressedSize > maxBytes) return "too-large";
    try {
      await pipeline(await open(entry), capped(maxBytes), sink);
      return true;
    } catch (error) {
      if (error instanceof PastLimit) return "too-large";
      throw new UploadsError(`unreadable archive entry: ${entry.fileName.slice(0, 120)}`, "admin.import.uploads.entryUnreadable", { name: entry.fileName.slice(0, 120) });
    }
  }
  return {
    has: async (relative) => entryOf(relative) !== null,
    async read(relative, maxBytes) {
      const entry = entryOf(relative);
      if (!entry) return null;
      const chunks: Buffer[] = [];
      const sink = new Transform({
        transform(chunk: Buffer, _enc, done) {
          chunks.push(chunk);
          done();
        },
      });
      sink.resume();
      const result = await copyEntry(entry, sink, maxBytes);
      return result === true ? Buffer.concat(chunks) : result;
    },
    async copyTo(relative, dest, maxBytes) {
      const entry = entryOf(relative);
      if (!entry) return null;
      const result = await copyEntry(entry, fs.createWriteStream(dest, { mode: 0o600 }), maxBytes);
      if (result !== true) await fs.promises.rm(dest, { force: true });
      return result;
    },
    close: async () => zip.close(),
  };
}
