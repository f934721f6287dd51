import type { FastifyInstance } from "fastify";
import type { FileStore } from "../platform/files/file-store.js";

const TYPES: Record<string, string> = { avif: "image/avif", webp: "image/webp", jpeg: "image/jpeg" };

/** Serves image renditions. Names are checked against the pattern we generate; nothing else is reachable. */
export async function mediaRoutes(app: FastifyInstance, opts: { files: FileStore }): Promise<void> {
  app.get<{ Params: { key: string; file: string } }>(
    "/media/images/:key/:file",
    { config: { access: "public" } },
    async (req, reply) => {
      const { key, file } = req.params;
      const match = /^(\d{2,4})\.(avif|webp|jpeg)$/.exec(file);
      if (!/^[a-f0-9]{24}$/.test(key) || !match) return reply.callNotFound();
      const data = await opts.files.read(`images/${key}/${file}`);
      if (!data) return reply.callNotFound();
      return reply
        .header("cache-control", "public, max-age=31536000, immutable")
        .type(TYPES[match[2] as string] as string)
        .send(data);
    },
  );
}
