import { buildApp, publicationRules } from "../app.js";
import { createSetupLinkIfNeeded } from "../accounts/account.service.js";
import type { Config } from "../config.js";
import { createDeps } from "../deps.js";
import { seedDemoIfEmpty } from "../demo/demo.seed.js";

export async function serve(config: Config): Promise<void> {
  const deps = await createDeps(config);
  if (config.seedDemo === "on" || config.seedDemo === "auto") {
    const seeded = await seedDemoIfEmpty({ ...deps, ...publicationRules(config) });
    if (seeded) deps.log.info("contenu de démonstration chargé");
    if (seeded?.podcastAudioMissing) deps.log.warn(`podcasts de démonstration sans audio : ${seeded.podcastAudioMissing}`);
  }
  const app = await buildApp(config, deps);
  const setupLink = await createSetupLinkIfNeeded({ db: deps.database.db, clock: deps.clock, baseUrl: config.baseUrl });
  await app.listen({ port: config.port, host: config.host });
  process.stdout.write(`\nEntre Pairs est en ligne : ${config.baseUrl}\n`);
  if (setupLink) {
    process.stdout.write(
      `\nAucun compte administrateur. Créez le premier ici (lien valable une heure, à usage unique) :\n  ${setupLink}\n\n`,
    );
  }
  const stop = async () => {
    await app.close();
    await deps.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
