import type { FastifyInstance, FastifyRequest } from "fastify";
import type { FileStore } from "../platform/files/file-store.js";
import type { ImageVisibility } from "./image-visibility.js";

const TYPES: Record<string, string> = { avif: "image/avif", webp: "image/webp", jpeg: "image/jpeg" };

export type MediaRouteOptions = {
  files: FileStore;
  visibility: ImageVisibility;
  /** Whether this request may see an image no reader can (signed-in team, an author approving a version that shows it). */
  mayPreview(req: FastifyRequest, key: string): Promise<boolean>;
};

/**
 * Serves image renditions: the one place image bytes leave the server. Names are checked against
 * the pattern we generate; nothing else is reachable. A reader gets an image only while something
 * public shows it (a withdrawn story's cover answers 404 at the next request, on every instance).
 *
 * Public images are sent with `no-cache` and a validator rather than a year of `immutable`: a
 * browser or proxy keeps the bytes but asks each time (a 304 without a body when nothing changed),
 * so the server can take a withdrawn cover back, which an immutable response would not allow.
 * Images only the team may see are `private, no-store`.
 */
export async function mediaRoutes(app: FastifyInstance, opts: MediaRouteOptions): Promise<void> {
  app.get<{ Params: { key: string; file: string } }>(
    "/media/images/:key/:file",
    { config: { access: "public" } },
    async (req, reply) => {
      const { key, file } = req.params;
      const match = /^(\d{2,4})\.(avif|webp|jpeg)$/.exec(file);
      if (!/^[a-f0-9]{24}$/.test(key) || !match) return reply.callNotFound();
      const storageKey = `images/${key}`;
      const isPublic = await opts.visibility.isPublic(storageKey);
      if (!isPublic && !(await opts.mayPreview(req, storageKey))) return reply.callNotFound();
      const width = match[1] as string;
      const format = match[2] as string;
      // A rendition never changes under its name: its name is its validator.
      const etag = `"${key}-${file}"`;
      if (isPublic && req.headers["if-none-match"] === etag) {
        return reply.code(304).header("etag", etag).header("cache-control", "public, no-cache").send();
      }
      let sent = { data: await opts.files.read(`${storageKey}/${file}`), format, etag };
      // An AVIF rendition still being made (see image-avif.service): the WebP one stands in, under
      // its own validator, so the browser takes the AVIF once it exists.
      if (!sent.data && format === "avif") sent = { data: await opts.files.read(`${storageKey}/${width}.webp`), format: "webp", etag: `"${key}-${width}.webp"` };
      if (!sent.data) return reply.callNotFound();
      if (isPublic) reply.header("etag", sent.etag).header("cache-control", "public, no-cache");
      else reply.header("cache-control", "private, no-store");
      return reply.type(TYPES[sent.format] as string).send(sent.data);
    },
  );
}
