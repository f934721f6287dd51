import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { FileStore } from "./file-store.js";

/**
 * For tools that need a file on disk (ffmpeg, zip readers): the object is copied to a private
 * temporary file, `work` runs on it, and the copy is deleted whatever happens. Null when the object
 * is missing (`work` does not run).
 */
export async function withLocalCopy<T>(store: FileStore, key: string, tempDir: string, work: (file: string) => Promise<T>): Promise<{ result: T } | null> {
  const source = await store.readStream(key);
  if (!source) return null;
  return withTempFile(tempDir, path.extname(key), async (file) => {
    await pipeline(source, createWriteStream(file, { mode: 0o600 }));
    return { result: await work(file) };
  });
}

/** A fresh temporary file name in `tempDir`, deleted (if it was made) once `work` ends or fails. */
export async function withTempFile<T>(tempDir: string, extension: string, work: (file: string) => Promise<T>): Promise<T> {
  await fs.mkdir(tempDir, { recursive: true, mode: 0o700 });
  const file = path.join(tempDir, `${randomBytes(16).toString("hex")}${extension}`);
  try {
    return await work(file);
  } finally {
    await fs.rm(file, { force: true });
  }
}
