import type { TestProject } from "vitest/node";
import { startThrowawayPostgres } from "./postgres.js";
import { startThrowawayS3 } from "./s3-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
    s3Endpoint: string;
  }
}

/** One PostgreSQL server and one S3 server for the whole run; each test file makes its own database or bucket there. */
export default async function setup(project: TestProject) {
  const [pg, s3] = await Promise.all([startThrowawayPostgres(), startThrowawayS3()]);
  project.provide("postgresUrl", pg.url);
  project.provide("s3Endpoint", s3.endpoint);
  return async () => {
    await s3.stop();
    await pg.stop();
  };
}
