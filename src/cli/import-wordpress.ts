import fs from "node:fs";
import { publicationRules } from "../app.js";
import type { Config } from "../config.js";
import { createDeps } from "../deps.js";
import { importFailureOf } from "../import/import-failure.js";
import { reportSentences } from "../import/import-report.js";
import { translator } from "../platform/i18n/translate.js";
import { openUploadsDir, openUploadsZip, type UploadsSource } from "../import/uploads-source.js";
import { isPermalinkStructure } from "../import/wordpress-mapping.js";
import { DEFAULT_OPTIONS, importWordPress } from "../import/wordpress-import.service.js";
import { MAX_WXR_BYTES } from "../import/wxr-reader.js";
import { CliError } from "./cli-error.js";

export type ImportWordPressArgs = {
  uploads?: string;
  "dry-run"?: boolean;
  json?: boolean;
  "tags-as-themes"?: boolean;
  "invite-authors"?: boolean;
  credit?: string;
  permalinks?: string;
};

/** `entrepairs import-wordpress EXPORT.xml [--uploads DIR|ZIP] [--dry-run] [--json] …` */
export async function importWordPressCommand(config: Config, file: string | undefined, args: ImportWordPressArgs): Promise<void> {
  if (!file) throw new CliError("Indiquez le fichier d'export : entrepairs import-wordpress export.xml [--uploads wp-content/uploads]");
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) throw new CliError(`Fichier introuvable : ${file}`);
  if (stat.size > MAX_WXR_BYTES) throw new CliError(`Le fichier dépasse ${MAX_WXR_BYTES / (1024 * 1024)} Mo : un export WordPress de cette taille n'est pas lu.`);
  if (args.credit !== undefined && args.credit !== "pseudonym" && args.credit !== "name") throw new CliError("--credit attend « pseudonym » (par défaut) ou « name ».");
  if (args.permalinks !== undefined && !isPermalinkStructure(args.permalinks)) {
    throw new CliError("--permalinks attend une structure de liens WordPress, par exemple « /%year%/%monthnum%/%postname%/ ».");
  }
  let uploads: UploadsSource | null = null;
  const deps = await createDeps(config);
  try {
    if (args.uploads) uploads = /\.zip$/i.test(args.uploads) ? await openUploadsZip(args.uploads) : openUploadsDir(args.uploads);
    const options = {
      ...DEFAULT_OPTIONS,
      dryRun: args["dry-run"] === true,
      tagsAsThemes: args["tags-as-themes"] === true,
      inviteAuthors: args["invite-authors"] === true,
      credit: (args.credit ?? "pseudonym") as "pseudonym" | "name",
      permalinks: args.permalinks ?? null,
    };
    const progress = process.stderr.isTTY && !args.json ? (f: number) => void process.stderr.write(`\r${Math.round(f * 100)} %`) : undefined;
    const report = await importWordPress(
      { ...deps, ...publicationRules(config), baseUrl: config.baseUrl },
      () => fs.createReadStream(file),
      uploads,
      options,
      progress,
    );
    if (progress) process.stderr.write("\n");
    process.stdout.write(args.json ? `${JSON.stringify(report)}\n` : `${reportSentences(translator("fr"), report, options.dryRun).join("\n")}\n`);
  } catch (error) {
    const failure = importFailureOf(error);
    if (!failure) throw error;
    // Said in French from the catalogue, as the back office says it; with --json, also as its code on stdout.
    if (args.json) process.stdout.write(`${JSON.stringify({ error: { code: failure.key, values: failure.values } })}\n`);
    throw new CliError(translator("fr")(failure.key, failure.values));
  } finally {
    await uploads?.close();
    await deps.close();
  }
}
