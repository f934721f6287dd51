import { AccountError, createAdministrator } from "../accounts/account.service.js";
import type { Config } from "../config.js";
import { createDeps } from "../deps.js";
import { CliError } from "./cli-error.js";

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    process.stderr.write("Mot de passe (puis Entrée) : ");
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (Buffer.concat(chunks).includes(10)) break;
  }
  return Buffer.concat(chunks).toString("utf8").split("\n")[0]?.replace(/\r$/, "") ?? "";
}

export async function createAdmin(config: Config, args: { email?: string; password?: string; name?: string }): Promise<void> {
  if (!args.email) throw new CliError("Indiquez l'adresse : entrepairs create-admin --email vous@exemple.fr");
  const password = args.password ?? (await readStdin());
  const deps = await createDeps(config);
  try {
    const id = await createAdministrator(
      { db: deps.database.db, clock: deps.clock },
      { email: args.email, password, displayName: args.name ?? args.email.split("@")[0] ?? "Administrateur" },
    );
    process.stdout.write(`Compte administrateur prêt (n° ${id}) : ${args.email.toLowerCase()}\n`);
  } catch (error) {
    if (error instanceof AccountError) throw new CliError(error.message);
    throw error;
  } finally {
    await deps.close();
  }
}
