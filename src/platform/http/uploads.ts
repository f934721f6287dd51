import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import multipart, { type MultipartFile } from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";

/**
 * Multipart forms. Small files (images) arrive as Buffers in `req.body`; a route that takes a
 * large file (audio) names its field in `config.diskUpload`, and that file is streamed to a
 * private temporary folder instead, never held in memory. The field's value is then an
 * UploadedFile — a class no text field can fake — and the temporary file is deleted when the
 * response is sent, unless the route moved it away first.
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

export type DiskUpload = { field: string; maxBytes: number };

declare module "fastify" {
  interface FastifyContextConfig {
    diskUpload?: DiskUpload;
  }
}

/** Route config for a form with one large file field. */
export function diskUploadConfig(field: string, maxBytes: number) {
  // One byte more than allowed tells "exactly at the limit" from "over it".
  return { diskUpload: { field, maxBytes }, multipartOptions: { limits: { fileSize: maxBytes + 1 }, throwFileSizeLimit: false } };
}

const pending = new WeakMap<FastifyRequest, string[]>();

export async function registerMultipart(app: FastifyInstance, opts: { tempDir: string; maxSmallFileBytes: number }): Promise<void> {
  fs.mkdirSync(opts.tempDir, { recursive: true, mode: 0o700 });
  // Whatever a crash left behind is an unfinished upload: nobody will ever use it.
  for (const name of fs.readdirSync(opts.tempDir)) fs.rmSync(path.join(opts.tempDir, name), { force: true, recursive: true });

  await app.register(multipart, {
    attachFieldsToBody: "keyValues",
    limits: { fileSize: opts.maxSmallFileBytes, files: 1, fields: 60, fieldSize: 512 * 1024 },
    async onFile(this: FastifyRequest, part: MultipartFile) {
      const disk = this.routeOptions.config.diskUpload;
      if (!disk || part.fieldname !== disk.field) {
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
      await pipeline(part.file, counter, fs.createWriteStream(file, { mode: 0o600 }));
      (part as unknown as { value: UploadedFile }).value = new UploadedFile(file, bytes, part.file.truncated || bytes > disk.maxBytes);
    },
  });

  app.addHook("onResponse", async (req) => {
    for (const file of pending.get(req) ?? []) await fs.promises.rm(file, { force: true });
  });
}

/** The uploaded file of a disk-upload field, or null when none was chosen. */
export function uploadedFile(body: unknown, field: string): UploadedFile | null {
  const value = (body as Record<string, unknown> | null)?.[field];
  return value instanceof UploadedFile && !value.isEmpty ? value : null;
}
