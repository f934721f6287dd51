import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import { type Readable, Transform, type TransformCallback } from "node:stream";
import { buffer } from "node:stream/consumers";
import type { FileStat, FileStore } from "./file-store.js";

/**
 * Private files encrypted at rest over any store (AES-256-GCM), so a leaked bucket or disk copy
 * gives away no voice and no text. Each object has its own random salt, from which its own key is
 * derived (HKDF, bound to the object's name: an object copied under another name does not open);
 * it is cut into chunks of 64 KiB, each authenticated with its index as nonce and a flag on the
 * last one — so a player can seek (only the chunks of a range are fetched and opened), and a
 * changed, reordered or truncated object is refused, never served.
 *
 * Layout: "EPF1" · salt (32) · chunk₀ · … · chunkₙ, each chunk = ciphertext · tag (16).
 */
const MAGIC = Buffer.from("EPF1");
const SALT_BYTES = 32;
const HEADER = MAGIC.length + SALT_BYTES;
const CHUNK = 64 * 1024;
const TAG = 16;
const SEALED_CHUNK = CHUNK + TAG;

export class TamperedFileError extends Error {
  constructor(key: string) {
    super(`fichier chiffré altéré ou tronqué : ${key}`);
  }
}

/** The master key: 32 bytes as 64 hex digits (FILES_ENCRYPTION_KEY, from `openssl rand -hex 32`). */
export function parseEncryptionKey(text: string): Buffer | null {
  return /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, "hex") : null;
}

export function createEncryptedFileStore(inner: FileStore, masterKey: Buffer): FileStore {
  if (masterKey.length !== 32) throw new Error("the files encryption key must be 32 bytes");
  const objectKey = (key: string, salt: Buffer) => Buffer.from(hkdfSync("sha256", masterKey, salt, `entrepairs-files:${key}`, 32));
  const nonce = (index: number) => {
    const n = Buffer.alloc(12);
    n.writeBigUInt64BE(BigInt(index), 4);
    return n;
  };
  const plainSize = (sealedSize: number, key: string) => {
    const body = sealedSize - HEADER;
    const chunks = Math.ceil(body / SEALED_CHUNK);
    if (body < TAG || chunks < 1) throw new TamperedFileError(key);
    return { size: body - chunks * TAG, chunks };
  };

  function sealing(key: string): Transform {
    const salt = randomBytes(SALT_BYTES);
    const k = objectKey(key, salt);
    let pending: Buffer = Buffer.alloc(0);
    let index = 0;
    const seal = (plain: Buffer, last: boolean) => {
      const cipher = createCipheriv("aes-256-gcm", k, nonce(index++));
      cipher.setAAD(Buffer.from([last ? 1 : 0]));
      return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    };
    let headerSent = false;
    return new Transform({
      transform(data: Buffer, _enc, done: TransformCallback) {
        if (!headerSent) {
          this.push(Buffer.concat([MAGIC, salt]));
          headerSent = true;
        }
        pending = pending.length === 0 ? data : Buffer.concat([pending, data]);
        // A full chunk is sealed only once more bytes follow: the last one carries the flag.
        while (pending.length > CHUNK) {
          this.push(seal(pending.subarray(0, CHUNK), false));
          pending = pending.subarray(CHUNK);
        }
        done();
      },
      flush(done: TransformCallback) {
        if (!headerSent) this.push(Buffer.concat([MAGIC, salt]));
        this.push(seal(pending, true));
        done();
      },
    });
  }

  /** Opens chunks `first`… of an object of `chunks` chunks, keeping plaintext bytes [skip, skip + length). */
  function opening(key: string, salt: Buffer, first: number, chunks: number, skip: number, length: number): Transform {
    const k = objectKey(key, salt);
    let pending: Buffer = Buffer.alloc(0);
    let index = first;
    let toSkip = skip;
    let left = length;
    const open = (transform: Transform, sealed: Buffer) => {
      const decipher = createDecipheriv("aes-256-gcm", k, nonce(index));
      decipher.setAAD(Buffer.from([index === chunks - 1 ? 1 : 0]));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
      let plain: Buffer;
      try {
        plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG)), decipher.final()]);
      } catch {
        throw new TamperedFileError(key);
      }
      index++;
      const part = plain.subarray(toSkip, toSkip + left);
      toSkip = Math.max(0, toSkip - plain.length);
      left -= part.length;
      if (part.length > 0) transform.push(part);
    };
    return new Transform({
      transform(data: Buffer, _enc, done: TransformCallback) {
        pending = pending.length === 0 ? data : Buffer.concat([pending, data]);
        try {
          while (pending.length >= SEALED_CHUNK) {
            open(this, pending.subarray(0, SEALED_CHUNK));
            pending = pending.subarray(SEALED_CHUNK);
          }
        } catch (err) {
          return done(err as Error);
        }
        done();
      },
      flush(done: TransformCallback) {
        try {
          if (pending.length > 0) open(this, pending);
          if (left > 0) throw new TamperedFileError(key);
        } catch (err) {
          return done(err as Error);
        }
        done();
      },
    });
  }

  async function saltOf(key: string): Promise<Buffer | null> {
    const head = await inner.readRange(key, 0, HEADER - 1);
    if (!head) return null;
    const bytes = await buffer(head);
    if (bytes.length !== HEADER || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw new TamperedFileError(key);
    return bytes.subarray(MAGIC.length);
  }

  async function openRange(key: string, start: number, end: number): Promise<Readable | null> {
    const sealed = await inner.stat(key);
    if (!sealed) return null;
    const { size, chunks } = plainSize(sealed.size, key);
    const salt = await saltOf(key);
    if (!salt) return null;
    const last = Math.min(end, size - 1);
    if (size === 0 || start > last) {
      // Nothing to send, but the (empty) last chunk is still checked.
      const whole = await inner.readRange(key, HEADER, sealed.size - 1);
      return whole ? whole.pipe(opening(key, salt, 0, chunks, 0, 0)) : null;
    }
    const first = Math.floor(start / CHUNK);
    const lastChunk = Math.floor(last / CHUNK);
    const from = HEADER + first * SEALED_CHUNK;
    const to = Math.min(sealed.size, HEADER + (lastChunk + 1) * SEALED_CHUNK) - 1;
    const body = await inner.readRange(key, from, to);
    if (!body) return null;
    const plain = opening(key, salt, first, chunks, start - first * CHUNK, last - start + 1);
    body.on("error", (err) => plain.destroy(err));
    return body.pipe(plain);
  }

  const store: FileStore = {
    async write(key, data) {
      const sealed = sealing(key);
      if (Buffer.isBuffer(data)) sealed.end(data);
      else {
        data.on("error", (err) => sealed.destroy(err));
        data.pipe(sealed);
      }
      await inner.write(key, sealed);
    },
    async adopt(key, file) {
      await store.write(key, createReadStream(file));
      await fs.rm(file, { force: true });
    },
    async read(key) {
      const stream = await store.readStream(key);
      return stream ? buffer(stream) : null;
    },
    readStream(key) {
      return openRange(key, 0, Number.MAX_SAFE_INTEGER);
    },
    readRange(key, start, end) {
      return openRange(key, start, end);
    },
    async stat(key): Promise<FileStat | null> {
      const sealed = await inner.stat(key);
      return sealed ? { size: plainSize(sealed.size, key).size, modifiedAt: sealed.modifiedAt } : null;
    },
    remove: (prefix) => inner.remove(prefix),
    list: (prefix) => inner.list(prefix),
    modifiedAt: (key) => inner.modifiedAt(key),
  };
  return store;
}
