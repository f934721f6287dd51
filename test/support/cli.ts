import { spawn } from "node:child_process";
import path from "node:path";

const MAIN = path.resolve("src/cli/main.ts");

export type CliResult = { code: number | null; out: string; err: string };

/**
 * Runs the `entrepairs` command (its source, through tsx) in a child process, without blocking the
 * test's worker while it runs; `input` is its standard input.
 */
export function runCli(args: string[], env: Record<string, string> = {}, input = ""): Promise<CliResult> {
  // Vite sets BASE_URL="/" in the test process, and the command must not see a database the tests
  // chose for themselves; a real shell would set neither.
  const { BASE_URL: _vite, DATABASE_URL: _db, ...inherited } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], { env: { ...inherited, LOG_LEVEL: "warn", ...env } });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d;
    });
    child.stderr.on("data", (d: Buffer) => {
      err += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out, err }));
    child.stdin.end(input);
  });
}
