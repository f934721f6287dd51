import { z } from "zod";

const optionalNumber = (message: string, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      if (!/^\d{1,4}$/.test(v) || Number(v) < 1 || Number(v) > max) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return Number(v);
    });

/** The episode form; chapters and the transcript are checked line by line by the service. */
export const episodeForm = z.object({
  season: optionalNumber("La saison est un nombre entier entre 1 et 99.", 99),
  number: optionalNumber("Le numéro d'épisode est un nombre entier entre 1 et 9999.", 9999),
  chapters: z.string().max(20_000, "Les chapitres sont trop longs (20 000 caractères au plus).").default(""),
  transcript: z.string().max(500_000, "La transcription est trop longue (500 000 caractères au plus).").default(""),
});

export const EPISODE_FIELD_LABELS: Record<string, string> = {
  season: "Saison",
  number: "Numéro d'épisode",
  chapters: "Chapitres",
  transcript: "Transcription",
};
