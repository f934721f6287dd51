import http from "node:http";
import { PassThrough } from "node:stream";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { closeConnectionsAsTheyGoIdle } from "./graceful-close.js";

describe("closing the server", () => {
  it("does not wait for the keep-alive timeout of a connection whose response was still on its way", async () => {
    const app = Fastify({ keepAliveTimeout: 72_000 });
    closeConnectionsAsTheyGoIdle(app);
    let finish = (): void => undefined;
    const started = new Promise<void>((resolveStarted) => {
      // Headers and the first bytes are sent before closing starts, as with audio streamed to a player.
      app.get("/slow", (_req, reply) => {
        const body = new PassThrough();
        void reply.send(body);
        body.write("dé");
        finish = () => body.end("but, fin");
        resolveStarted();
      });
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = app.server.address() as { port: number };
    const agent = new http.Agent({ keepAlive: true });
    const body = new Promise<string>((resolve, reject) => {
      http
        .get({ host: "127.0.0.1", port, path: "/slow", agent }, (res) => {
          let text = "";
          res.on("data", (chunk) => {
            text += chunk;
          });
          res.on("end", () => resolve(text));
        })
        .on("error", reject);
    });
    await started;
    // The request is in flight when closing starts: Node cannot close its connection yet.
    const closed = app.close().then(() => "closed" as const);
    finish();
    expect(await body).toBe("début, fin");
    const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 10_000).unref());
    expect(await Promise.race([closed, timeout])).toBe("closed");
    agent.destroy();
  });
});
