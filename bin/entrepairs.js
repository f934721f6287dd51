#!/usr/bin/env node
// Runs the compiled CLI; `npm ci` builds it (the `prepare` script).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const entry = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error("entrepairs : le code n'est pas compilé. Lancez « npm run build » (npm ci le fait d'ordinaire).");
  process.exit(1);
}
await import(entry.href);
