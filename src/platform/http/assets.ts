import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";

// The same relative path works from src/ (tests, tsx) and from dist/ (npm start).
export const ASSETS_DIR = fileURLToPath(new URL("../../../assets/", import.meta.url));

const TYPES: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
};

type Asset = { body: Buffer; type: string; etag: string };

/**
 * Serves the few static files (CSS, scripts, icons) from memory. Their URLs carry a version
 * derived from their content, so browsers may keep them for a year.
 */
export function loadAssets(): { version: string; files: Map<string, Asset> } {
  const files = new Map<string, Asset>();
  const all = createHash("sha1");
  for (const name of fs.readdirSync(ASSETS_DIR).sort()) {
    const type = TYPES[path.extname(name)];
    if (!type) continue;
    const body = fs.readFileSync(path.join(ASSETS_DIR, name));
    all.update(name).update(body);
    files.set(name, { body, type, etag: `"${createHash("sha1").update(body).digest("base64url").slice(0, 16)}"` });
  }
  return { version: all.digest("base64url").slice(0, 10), files };
}

export function registerAssets(app: FastifyInstance, assets: ReturnType<typeof loadAssets>): void {
  app.get<{ Params: { name: string } }>("/assets/:name", { config: { access: "public" } }, async (req, reply) => {
    const asset = assets.files.get(req.params.name);
    if (!asset) return reply.callNotFound();
    reply
      .header("etag", asset.etag)
      .header("cache-control", "public, max-age=31536000, immutable")
      .type(asset.type);
    if (req.headers["if-none-match"] === asset.etag) return reply.code(304).send();
    return reply.send(asset.body);
  });
}
