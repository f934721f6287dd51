import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "./support/databases.js";
import { editorViewer, publishStory } from "./support/stories.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

/** The status line and headers exactly as sent, Date aside, over a connection of its own. */
function rawHead(url: string, path: string, headers: Record<string, string> = {}): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), "127.0.0.1");
    let received = "";
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
    });
    socket.on("end", () => resolve(received.slice(0, received.indexOf("\r\n\r\n")).replace(/\r\nDate: [^\r]*/i, "")));
    socket.on("error", reject);
    const lines = Object.entries({ host: "127.0.0.1", ...headers, connection: "close" }).map(([k, v]) => `${k}: ${v}\r\n`);
    // Written, not ended: a half-closed connection would abort a response still being made.
    socket.write(`GET ${path} HTTP/1.1\r\n${lines.join("")}\r\n`);
  });
}

describe.each(DIALECTS)("the page cache's front door in the whole app on %s", (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    const editor = await editorViewer(t);
    await publishStory(t, editor, { title: "Porte d'entrée", slug: "porte-d-entree", standfirst: "Un chapô.", body: "Un texte.", credit: { kind: "anonymous", name: "", age: null } });
  });
  afterAll(() => t.close());

  it("answers a story page's hit with the headers of the miss that filled it, byte for byte but Date, without Fastify", async () => {
    for (const asked of [{}, { "accept-language": "en-GB,en;q=0.8" }] as Array<Record<string, string>>) {
      const miss = await rawHead(t.url, "/temoignages/porte-d-entree", asked);
      const linesBefore = t.logs.length;
      const hit = await rawHead(t.url, "/temoignages/porte-d-entree", asked);
      expect(hit).toBe(miss);
      expect(hit).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(hit).toMatch(/\r\ncontent-security-policy: default-src 'self'/);
      // Fastify's request log carries a request id; the front door's line has none, the same fields otherwise.
      const logged = t.logs.slice(linesBefore).map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l.msg === "requête");
      expect(logged.map((l) => [l.method, l.path, l.status, "reqId" in l])).toEqual([["GET", "/temoignages/porte-d-entree", 200, false]]);
    }
  });
});
