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

/** The episode form (messages are catalogue keys); chapters and the transcript are checked line by line by the service. */
export const episodeForm = z.object({
  season: optionalNumber("admin.podcast.error.season", 99),
  number: optionalNumber("admin.podcast.error.number", 9999),
  chapters: z.string().max(20_000, "admin.podcast.error.chaptersTooLong").default(""),
  transcript: z.string().max(500_000, "admin.podcast.error.transcriptTooLong").default(""),
});

export const EPISODE_FIELD_LABELS = {
  season: "admin.podcast.field.season",
  number: "admin.podcast.field.number",
  chapters: "admin.podcast.field.chapters",
  transcript: "admin.podcast.field.transcript",
} as const;
