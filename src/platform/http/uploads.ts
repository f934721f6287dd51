import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import multipart, { type MultipartFile } from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { isMultipart } from "./csrf.js";

/**
 * Multipart forms, only on the routes that take a file. Such a route names its one file field in
 * `config.upload`: a small file (an image) arrives as a Buffer in `req.body`; a large one (audio)
 * streams to a private temporary folder, never held in memory, and the field's value is an
 * UploadedFile — a class no text field can fake. The temporary file is deleted when the response
 * is sent, or at once when the client goes away mid-upload, unless the route moved it first.
 *
 * Limits come before the body: a multipart body to a route that takes no file, or a declared
 * length over the route's limit, is refused without reading it (and the connection is closed, so
 * the rest is never read either).
 */
export class UploadedFile {
  constructor(
    readonly path: string,
    readonly bytes: number,
    /** The file went past the route's size limit; what was written is incomplete. */
    readonly truncated: boolean,
  ) {}

  get isEmpty(): boolean {
    return this.bytes === 0;
  }
}

export type UploadRule = {
  field: string;
  maxBytes: number;
  toDisk: boolean;
  /** Further file fields of the same form, each with its own limit (streamed to disk too). */
  extraFields?: Record<string, number>;
};

declare module "fastify" {
  interface FastifyContextConfig {
    upload?: UploadRule;
  }
}

// Room for the text fields beside the file (a contribution's text, a story's body).
const FIELDS_ALLOWANCE = 2 * 1024 * 1024;

/** Route config for a form with one large file field, streamed to disk. */
export function diskUploadConfig(field: string, maxBytes: number) {
  // One byte more than allowed tells "exactly at the limit" from "over it".
  return { upload: { field, maxBytes, toDisk: true }, multipartOptions: { limits: { fileSize: maxBytes + 1 }, throwFileSizeLimit: false } };
}

/** Route config for a form with several large file fields, each with its own limit, streamed to disk. */
export function diskUploadsConfig(fields: Record<string, number>) {
  const [first, ...others] = Object.entries(fields);
  if (!first) throw new Error("diskUploadConfig: no file field given");
  const largest = Math.max(...Object.values(fields));
  return {
    upload: { field: first[0], maxBytes: first[1], toDisk: true, extraFields: Object.fromEntries(others) },
    multipartOptions: { limits: { fileSize: largest + 1, files: Object.keys(fields).length }, throwFileSizeLimit: false },
  };
}

/** Route config for a form with one small file field (an image), read into memory. */
export function memoryUploadConfig(field: string, maxBytes: number) {
  return { upload: { field, maxBytes, toDisk: false }, multipartOptions: { limits: { fileSize: maxBytes } } };
}

const pending = new WeakMap<FastifyRequest, string[]>();

// A request without a body is complete once its headers are read, even when answered before Node marks it so.
const hasBody = (req: FastifyRequest) => req.headers["transfer-encoding"] !== undefined || (req.headers["content-length"] ?? "0") !== "0";

async function removePending(req: FastifyRequest): Promise<void> {
  const files = pending.get(req);
  if (!files) return;
  pending.delete(req);
  for (const file of files) await fs.promises.rm(file, { force: true });
}

const discard = () =>
  new Writable({
    write(_chunk, _enc, done) {
      done();
    },
  });

export type MultipartOptions = {
  tempDir: string;
  refuse(req: FastifyRequest, reply: FastifyReply, status: 413 | 415): FastifyReply;
};

export async function registerMultipart(app: FastifyInstance, opts: MultipartOptions): Promise<void> {
  fs.mkdirSync(opts.tempDir, { recursive: true, mode: 0o700 });
  // Whatever a crash left behind is an unfinished upload: nobody will ever use it.
  for (const name of fs.readdirSync(opts.tempDir)) fs.rmSync(path.join(opts.tempDir, name), { force: true, recursive: true });

  app.addHook("onRequest", (req, reply, done) => {
    if (!isMultipart(req)) return done();
    const rule = req.routeOptions.config.upload;
    if (!rule) {
      opts.refuse(req, reply, 415);
      return;
    }
    const declared = Number(req.headers["content-length"]);
    const allowed = rule.maxBytes + Object.values(rule.extraFields ?? {}).reduce((a, b) => a + b, 0);
    if (Number.isFinite(declared) && declared > allowed + FIELDS_ALLOWANCE) {
      opts.refuse(req, reply, 413);
      return;
    }
    done();
  });

  // An answer sent before the body was read (refused, redirected, forbidden) closes the connection,
  // so the server stops reading there instead of draining whatever the client still sends.
  app.addHook("onSend", (req, reply, payload, done) => {
    if (hasBody(req) && !req.raw.complete) reply.header("connection", "close");
    done(null, payload);
  });

  await app.register(multipart, {
    attachFieldsToBody: "keyValues",
    // Each upload route sets its own fileSize (merged with these).
    limits: { files: 1, fields: 60, fieldSize: 512 * 1024 },
    async onFile(this: FastifyRequest, part: MultipartFile) {
      const rule = this.routeOptions.config.upload;
      const limit = !rule ? undefined : part.fieldname === rule.field ? rule.maxBytes : rule.extraFields?.[part.fieldname];
      if (!rule || limit === undefined) {
        // A file in a field nobody asked for is read past, never kept.
        await pipeline(part.file, discard());
        return;
      }
      if (!rule.toDisk) {
        await part.toBuffer();
        return;
      }
      const file = path.join(opts.tempDir, randomBytes(16).toString("hex"));
      const files = pending.get(this) ?? [];
      files.push(file);
      pending.set(this, files);
      let bytes = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          bytes += chunk.length;
          done(null, chunk);
        },
      });
      try {
        await pipeline(part.file, counter, fs.createWriteStream(file, { mode: 0o600 }));
      } catch (error) {
        // The client went away or the body broke off: the partial file (metadata and all) goes now.
        await fs.promises.rm(file, { force: true });
        throw error;
      }
      (part as unknown as { value: UploadedFile }).value = new UploadedFile(file, bytes, part.file.truncated || bytes > limit);
    },
  });

  // Most requests carry no upload: they finish without waiting for a promise.
  app.addHook("onResponse", (req, _reply, done) => {
    if (!pending.has(req)) return done();
    removePending(req).then(() => done(), done);
  });
  app.addHook("onRequestAbort", removePending);
}

/**
 * Deletes temporary uploads older than `maxAgeMs`: a file still there that long belongs to a
 * request that will never finish (a process killed mid-upload).
 */
export async function sweepStaleUploads(tempDir: string, now: Date, maxAgeMs: number): Promise<number> {
  let removed = 0;
  for (const name of await fs.promises.readdir(tempDir).catch(() => [] as string[])) {
    const file = path.join(tempDir, name);
    const stat = await fs.promises.stat(file).catch(() => null);
    if (stat && now.getTime() - stat.mtimeMs > maxAgeMs) {
      await fs.promises.rm(file, { force: true, recursive: true });
      removed++;
    }
  }
  return removed;
}

/** The uploaded file of a disk-upload field, or null when none was chosen. */
export function uploadedFile(body: unknown, field: string): UploadedFile | null {
  const value = (body as Record<string, unknown> | null)?.[field];
  return value instanceof UploadedFile && !value.isEmpty ? value : null;
}
