import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../test/support/cli.js";

/** Runs the command line in a child process on its own data folder. */
const cli = (args: string[], dataDir: string) => runCli(args, { DATA_DIR: dataDir });

// French typography puts narrow no-break spaces before colons.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

describe("entrepairs import-wordpress on a file it refuses", () => {
  let dir: string;
  let hostile: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-import-cli-"));
    hostile = path.join(dir, "export.xml");
    fs.writeFileSync(hostile, `<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<rss><channel><title>&xxe;</title></channel></rss>`);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("says why in French, from the catalogue, and gives the reason's code and values with --json", async () => {
    const said = await cli(["import-wordpress", hostile], path.join(dir, "data"));
    expect(said.code).toBe(1);
    expect(said.out).toBe("");
    expect(plain(said.err)).toBe("Ce fichier déclare un DOCTYPE (ligne 2) : un export WordPress n'en a jamais, et il pourrait demander la lecture d'autres fichiers. Il est refusé.\n");

    const json = await cli(["import-wordpress", hostile, "--json"], path.join(dir, "data"));
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toEqual({ error: { code: "admin.import.failure.doctype", values: { line: 2 } } });
    expect(plain(json.err)).toContain("Ce fichier déclare un DOCTYPE (ligne 2)");
  });

  it("says an uploads archive that is not a zip is refused, in French", async () => {
    const notZip = path.join(dir, "uploads.zip");
    fs.writeFileSync(notZip, "Ceci n'est pas une archive.");
    const said = await cli(["import-wordpress", hostile, "--uploads", notZip, "--json"], path.join(dir, "data"));
    expect(said.code).toBe(1);
    expect(plain(said.err)).toBe("L'archive des fichiers envoyés n'est pas un zip lisible.\n");
    expect(JSON.parse(said.out)).toEqual({ error: { code: "admin.import.uploads.notZip", values: {} } });
  });
});
