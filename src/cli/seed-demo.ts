import { sql } from "kysely";
import { publicationRules } from "../app.js";
import type { Config } from "../config.js";
import { createDeps } from "../deps.js";
import { seedDemoIfEmpty, seedGeneratedStories } from "../demo/demo.seed.js";
import { CliError } from "./cli-error.js";

export async function seedDemoCommand(config: Config, args: { stories?: string }): Promise<void> {
  const extra = args.stories === undefined ? 0 : Number(args.stories);
  if (!Number.isInteger(extra) || extra < 0 || extra > 1_000_000) throw new CliError("--stories attend un nombre entier entre 0 et 1 000 000.");
  const deps = await createDeps(config);
  try {
    const seeded = await seedDemoIfEmpty({ ...deps, ...publicationRules(config) });
    process.stdout.write(seeded ? "Contenu de démonstration chargé.\n" : "La base contient déjà des témoignages : démonstration non rechargée.\n");
    if (seeded?.podcastAudioMissing) process.stdout.write(`Podcasts de démonstration sans audio : ${seeded.podcastAudioMissing}\n`);
    if (extra > 0) {
      await seedGeneratedStories({ ...deps, ...publicationRules(config) }, extra, (done) => process.stdout.write(`\r${done} / ${extra} témoignages générés`));
      process.stdout.write("\n");
      // A bulk load changes the data's shape: refresh the planner's statistics at once.
      await sql`analyze`.execute(deps.db);
    }
  } finally {
    await deps.close();
  }
}
