import type { Config } from "../config.js";
import { createDeps } from "../deps.js";
import { type DigestOutcome, sendDigestNow } from "../newsletter/digest.service.js";
import { NEWSLETTER_SEND_JOB, newsletterSendJob } from "../newsletter/issue.service.js";
import { createVersionedMemo } from "../platform/cache/versioned-memo.js";
import { runDueJobs } from "../platform/jobs/job-queue.js";
import { createLogger } from "../platform/logger.js";
import { MAIL_JOB, mailJob } from "../platform/mail/outbox.js";
import { CliError } from "./cli-error.js";

export const NEWSLETTER_HELP = `entrepairs newsletter — la lettre d'information

Usage : entrepairs newsletter <sous-commande> [options]

Sous-commandes :
  send-digest [--json]   envoie maintenant le résumé de la semaine : les témoignages publiés ces
                         sept derniers jours dont l'auteur ou l'autrice a accepté la lettre ; sans
                         nouveau témoignage, rien ne part. Un seul résumé par semaine, qu'il parte
                         à l'heure choisie dans /admin/lettres/resume ou par cette commande.
                         --json écrit {"issue":id|null,"stories":N,"recipients":N}
  --help                 affiche cette aide
`;

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? "s" : ""}`;

export function digestSentence(o: DigestOutcome): string {
  if (o.alreadySent) return "Le résumé de cette semaine est déjà parti : rien de plus n'est envoyé.";
  if (o.issue === null) return "Aucun nouveau témoignage à envoyer ces sept derniers jours : aucune lettre n'est partie.";
  return `Résumé de la semaine envoyé : lettre n° ${o.issue}, ${plural(o.stories, "témoignage")}, ${plural(o.recipients, "destinataire")}.`;
}

/**
 * `entrepairs newsletter send-digest [--json]`: composes the week's digest and sends it from this
 * process (its job, then its mails, at the SMTP server's pace); a server running beside it takes
 * its share safely (jobs and mails are claimed).
 */
export async function newsletterCommand(config: Config, subcommand: string | undefined, args: { json?: boolean }): Promise<void> {
  if (subcommand !== "send-digest") throw new CliError(`Sous-commande inconnue : ${subcommand ?? "(aucune)"}\n\n${NEWSLETTER_HELP}`);
  // Logs go to standard error: standard output is the summary (or the JSON) alone.
  const deps = await createDeps(config, { log: createLogger(config.logLevel, process.stderr) });
  try {
    const digestDeps = { db: deps.db, clock: deps.clock, baseUrl: config.baseUrl, memo: createVersionedMemo(deps.contentVersion), log: deps.log };
    const outcome = await sendDigestNow(digestDeps);
    if (outcome.issue !== null) {
      const now = () => deps.clock.now();
      const runner = { db: deps.db, log: deps.log, now };
      await runDueJobs(runner, { [NEWSLETTER_SEND_JOB]: newsletterSendJob(digestDeps) });
      // The mails it queued, until none is due (one that failed waits for its retry, with the server).
      while ((await runDueJobs(runner, { [MAIL_JOB]: mailJob({ mailer: deps.mailer, log: deps.log }) }, 1_000)) > 0);
    }
    const { issue, stories, recipients } = outcome;
    process.stdout.write(args.json ? `${JSON.stringify({ issue, stories, recipients })}\n` : `${digestSentence(outcome)}\n`);
  } finally {
    await deps.close();
  }
}
