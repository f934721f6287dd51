// The whole interface text, installed before any command runs.
import "../messages.js";
import { parseArgs } from "node:util";
import { ConfigError, configVariables, loadConfig } from "../config.js";
import { backup } from "./backup.js";
import { CliError } from "./cli-error.js";
import { createAdmin } from "./create-admin.js";
import { importWordPressCommand } from "./import-wordpress.js";
import { crisisCheck } from "./crisis-check.js";
import { migrate } from "./migrate.js";
import { NEWSLETTER_HELP, newsletterCommand } from "./newsletter.js";
import { seedDemoCommand } from "./seed-demo.js";
import { serve } from "./serve.js";

const HELP = `entrepairs — média participatif et plateforme de pair-aidance

Usage : entrepairs <commande> [options]

Commandes :
  serve                           démarre le site (par défaut sur http://localhost:3000)
  migrate                         met le schéma de la base à jour
  create-admin --email E          crée un administrateur (mot de passe sur l'entrée standard,
               [--password P]     ou --password pour les scripts) ; [--name N] nom affiché
  seed-demo [--stories N]         charge la démonstration, plus N témoignages générés
  backup FICHIER                  copie cohérente de la base SQLite, serveur en marche
  import-wordpress EXPORT.xml     importe un site WordPress (Outils → Exporter → Tout le contenu) :
    [--uploads DOSSIER|ZIP]       ses fichiers (wp-content/uploads) ; [--dry-run] essai à blanc ;
    [--json] rapport en JSON      [--tags-as-themes] étiquettes en thèmes ; [--invite-authors]
                                  comptes invités par courriel ; [--credit name|pseudonym] ;
                                  [--permalinks "/%year%/%monthnum%/%postname%/"] anciennes adresses
  newsletter send-digest [--json] envoie maintenant le résumé de la semaine (une fois par semaine) ;
                                  entrepairs newsletter --help pour le détail
  crisis-check                    lit un texte par ligne sur l'entrée standard et écrit
                                  « acute » ou « none », une tabulation et le score
  help                            affiche cette aide

Configuration (variables d'environnement) :
${Object.entries(configVariables)
  .map(([name, v]) => `  ${name.padEnd(13)} ${v.description}${v.default ? ` (défaut : ${v.default})` : ""}`)
  .join("\n")}
`;

const COMMANDS = ["serve", "migrate", "create-admin", "seed-demo", "backup", "import-wordpress", "newsletter"];

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(HELP);
    return 0;
  }
  // Needs no configuration nor database: editors use it to try the rules on sentences.
  if (command === "crisis-check") {
    await crisisCheck();
    return 0;
  }
  if (command === "newsletter" && (rest.includes("--help") || rest.includes("-h"))) {
    process.stdout.write(NEWSLETTER_HELP);
    return 0;
  }
  if (!COMMANDS.includes(command)) {
    process.stderr.write(`Commande inconnue : ${command}\n\n${HELP}`);
    return 2;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        email: { type: "string" },
        password: { type: "string" },
        name: { type: "string" },
        stories: { type: "string" },
        uploads: { type: "string" },
        "dry-run": { type: "boolean" },
        json: { type: "boolean" },
        "tags-as-themes": { type: "boolean" },
        "invite-authors": { type: "boolean" },
        credit: { type: "string" },
        permalinks: { type: "string" },
      },
    });
    const config = loadConfig();
    switch (command) {
      case "serve":
        await serve(config);
        return -1; // keeps running
      case "migrate":
        await migrate(config);
        return 0;
      case "create-admin":
        await createAdmin(config, values);
        return 0;
      case "seed-demo":
        await seedDemoCommand(config, values);
        return 0;
      case "backup":
        await backup(config, positionals[0]);
        return 0;
      case "import-wordpress":
        await importWordPressCommand(config, positionals[0], values);
        return 0;
      case "newsletter":
        await newsletterCommand(config, positionals[0], values);
        return 0;
      default:
        return 2;
    }
  } catch (error) {
    if (error instanceof ConfigError || error instanceof CliError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    if (error instanceof TypeError && (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`Option non reconnue : ${error.message}\n\n${HELP}`);
      return 2;
    }
    process.stderr.write(`Erreur inattendue : ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
if (code >= 0) process.exit(code);
