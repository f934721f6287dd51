import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { freePort } from "./free-port.js";

/**
 * A throwaway S3-compatible server for the run: s3rver, a registry package that runs in-process
 * on Node and keeps its objects in a temporary folder (see docs/ARCHITECTURE.md, "Files").
 */
export async function startThrowawayS3(): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-s3-"));
  const port = await freePort();
  const server = new S3rver({ address: "127.0.0.1", port, directory, silent: true });
  await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async stop() {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
