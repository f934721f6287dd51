import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { checkKey, type FileStore } from "./file-store.js";

const TEMP_MARK = ".tmp-";

/** Files on the local disk under `root`: the default, for a single instance. */
export function createLocalFileStore(root: string): FileStore {
  const pathOf = (key: string) => path.join(root, checkKey(key));
  const missing = (err: unknown) => {
    if ((err as NodeJS.ErrnoException).code === "ENOENT" || (err as NodeJS.ErrnoException).code === "EISDIR") return null;
    throw err;
  };
  /** Opens the file first, so a missing one is null here rather than an error in the middle of a response. */
  const open = async (key: string, range?: { start: number; end: number }): Promise<Readable | null> => {
    const handle = await fs.open(pathOf(key), "r").catch(missing);
    if (!handle) return null;
    return handle.createReadStream({ autoClose: true, ...range });
  };
  const store: FileStore = {
    async write(key, data) {
      const target = pathOf(key);
      await fs.mkdir(path.dirname(target), { recursive: true });
      // Write, fsync, then rename: a crash leaves either the old file or the whole new one.
      const temp = `${target}${TEMP_MARK}${process.pid}-${Date.now()}`;
      try {
        if (Buffer.isBuffer(data)) await fs.writeFile(temp, data);
        else await pipeline(data, createWriteStream(temp));
        const handle = await fs.open(temp, "r+");
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
      } catch (err) {
        await fs.rm(temp, { force: true });
        throw err;
      }
      await fs.rename(temp, target);
    },
    async adopt(key, file) {
      const target = pathOf(key);
      await fs.mkdir(path.dirname(target), { recursive: true });
      const handle = await fs.open(file, "r+");
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        await fs.rename(file, target);
      } catch (err) {
        // Another disk (a temporary folder elsewhere): copy, then delete the original.
        if ((err as NodeJS.ErrnoException).code !== "EXDEV") throw err;
        await store.write(key, Readable.from(createReadStream(file)));
        await fs.rm(file, { force: true });
      }
    },
    async read(key) {
      return fs.readFile(pathOf(key)).catch(missing);
    },
    readStream(key) {
      return open(key);
    },
    readRange(key, start, end) {
      return open(key, { start, end });
    },
    async stat(key) {
      const stat = await fs.stat(pathOf(key)).catch(missing);
      return stat?.isFile() ? { size: stat.size, modifiedAt: stat.mtimeMs } : null;
    },
    async remove(prefix) {
      await fs.rm(pathOf(prefix), { recursive: true, force: true });
    },
    async list(prefix) {
      const entries = await fs.readdir(pathOf(prefix), { withFileTypes: true, recursive: true }).catch(() => []);
      return entries
        .filter((e) => e.isFile() && !e.name.includes(TEMP_MARK))
        .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
        .sort();
    },
    async modifiedAt(key) {
      return (await store.stat(key))?.modifiedAt ?? 0;
    },
  };
  return store;
}
