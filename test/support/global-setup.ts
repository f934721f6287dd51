import type { TestProject } from "vitest/node";
import { startThrowawayPostgres } from "./postgres.js";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/** One PostgreSQL server for the whole run; each test file creates its own database in it. */
export default async function setup(project: TestProject) {
  const pg = await startThrowawayPostgres();
  project.provide("postgresUrl", pg.url);
  return () => pg.stop();
}
