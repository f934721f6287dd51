import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { checkKey, type FileStore } from "./file-store.js";

export type S3Settings = {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  forcePathStyle: boolean;
};

/** One client per process, shared by the stores of one bucket (each under its own prefix). */
export function createS3Client(settings: S3Settings): S3Client {
  return new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    // Checksums only where S3 demands them: the SDK's default trailing checksums (aws-chunked
    // bodies) are not understood by every S3-compatible server, which would store them as is.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

const isMissing = (err: unknown) => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === "NoSuchKey" || e.name === "NotFound" || e.$metadata?.httpStatusCode === 404;
};

/**
 * Files in an S3-compatible bucket, under `prefix/`: what several instances share. Streams in
 * both directions (a multipart upload of 5 MiB parts, a download that is never buffered whole).
 */
export function createS3FileStore(client: S3Client, bucket: string, prefix: string): FileStore {
  const objectOf = (key: string) => `${prefix}/${checkKey(key)}`;
  const get = async (key: string, range?: { start: number; end: number }): Promise<Readable | null> => {
    try {
      const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectOf(key), Range: range && `bytes=${range.start}-${range.end}` }));
      const body = answer.Body as Readable;
      if (!range) return body;
      // Some S3-compatible servers ignore a range or widen it (s3rver reads "0-0" as "0-"): the
      // bytes asked for are cut from what came, as the Content-Range says it was.
      const sentFrom = Number(/^bytes (\d+)-/.exec(answer.ContentRange ?? "")?.[1] ?? 0);
      return exactBytes(body, range.start - sentFrom, range.end - range.start + 1);
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  };
  const keysUnder = async (folder: string): Promise<string[]> => {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${objectOf(folder)}/`, ContinuationToken: token }));
      for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys;
  };
  const store: FileStore = {
    async write(key, data) {
      if (Buffer.isBuffer(data)) {
        await client.send(new PutObjectCommand({ Bucket: bucket, Key: objectOf(key), Body: data, ContentLength: data.length }));
        return;
      }
      // A new object appears whole or not at all: S3 publishes a multipart upload only once completed.
      await new Upload({ client, params: { Bucket: bucket, Key: objectOf(key), Body: data }, queueSize: 2, partSize: 5 * 1024 * 1024 }).done();
    },
    async adopt(key, file) {
      await store.write(key, Readable.from(createReadStream(file)));
      await fs.rm(file, { force: true });
    },
    async read(key) {
      const body = await get(key);
      return body ? buffer(body) : null;
    },
    readStream: (key) => get(key),
    readRange: (key, start, end) => get(key, { start, end }),
    async stat(key) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: objectOf(key) }));
        return { size: head.ContentLength ?? 0, modifiedAt: head.LastModified?.getTime() ?? 0 };
      } catch (err) {
        if (isMissing(err)) return null;
        throw err;
      }
    },
    async remove(folder) {
      const objects = [objectOf(folder), ...(await keysUnder(folder))];
      for (let i = 0; i < objects.length; i += 1000) {
        await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects.slice(i, i + 1000).map((Key) => ({ Key })), Quiet: true } }));
      }
    },
    async list(folder) {
      return (await keysUnder(folder)).map((k) => k.slice(prefix.length + 1)).sort();
    },
    async modifiedAt(key) {
      return (await store.stat(key))?.modifiedAt ?? 0;
    },
  };
  return store;
}

/** `length` bytes of `body` after the first `skip`; the rest of the download is abandoned. */
function exactBytes(body: Readable, skip: number, length: number): Readable {
  return Readable.from(
    (async function* () {
      let toSkip = skip;
      let left = length;
      for await (const chunk of body as AsyncIterable<Buffer>) {
        const part = chunk.subarray(toSkip, toSkip + left);
        toSkip = Math.max(0, toSkip - chunk.length);
        left -= part.length;
        if (part.length > 0) yield part;
        if (left === 0) break;
      }
    })(),
    { objectMode: false },
  );
}
