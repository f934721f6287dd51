import { randomBytes } from "node:crypto";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { inject } from "vitest";
import { createS3Client, type S3Settings } from "../../src/platform/files/s3-file-store.js";

/** The run's S3-compatible server (s3rver, started by the global setup): its fixed test credentials. */
export function s3Settings(bucket: string): S3Settings {
  return { endpoint: inject("s3Endpoint"), bucket, accessKeyId: "S3RVER", secretAccessKey: "S3RVER", region: "us-east-1", forcePathStyle: true };
}

/** A fresh, empty bucket on the run's S3 server, for one test file. */
export async function createTestBucket(): Promise<S3Settings> {
  const settings = s3Settings(`test-${randomBytes(6).toString("hex")}`);
  const client = createS3Client(settings);
  try {
    await client.send(new CreateBucketCommand({ Bucket: settings.bucket }));
  } finally {
    client.destroy();
  }
  return settings;
}

/** The environment that points an app at that bucket, private files encrypted. */
export function s3Env(settings: S3Settings): Record<string, string> {
  return {
    FILES: "s3",
    S3_ENDPOINT: settings.endpoint,
    S3_BUCKET: settings.bucket,
    S3_ACCESS_KEY_ID: settings.accessKeyId,
    S3_SECRET_ACCESS_KEY: settings.secretAccessKey,
    S3_REGION: settings.region,
    S3_FORCE_PATH_STYLE: "on",
    FILES_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
  };
}
