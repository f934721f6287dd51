import { z } from "zod";
import type { StoryInput } from "../stories/story-editing.service.js";
import { CONTENT_NOTES, CREDIT_KINDS, STORY_FORMATS, STORY_KINDS } from "../stories/story.js";

const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

const optionalInt = (message: string, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      if (!/^\d{1,9}$/.test(v) || Number(v) > max) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return Number(v);
    });

/** Longest story text; the live preview refuses longer texts with the same message. */
export const STORY_BODY_MAX_CHARS = 200_000;
export const STORY_BODY_TOO_LONG = "Le texte est trop long (200 000 caractères au plus).";

/** The story editor form, with a French message for every way it can be wrong. */
export const storyForm = z
  .object({
    title: z.string().trim().min(1, "Indiquez un titre.").max(200, "Le titre ne doit pas dépasser 200 caractères."),
    slug: z.string().trim().max(80, "L'adresse ne doit pas dépasser 80 caractères.").default(""),
    kind: z.enum(STORY_KINDS, { error: "Choisissez article ou podcast." }),
    format: z.enum(STORY_FORMATS, { error: "Choisissez un récit individuel ou collectif." }),
    standfirst: z.string().trim().max(600, "Le chapô ne doit pas dépasser 600 caractères.").default(""),
    body: z.string().max(STORY_BODY_MAX_CHARS, STORY_BODY_TOO_LONG).default(""),
    themeIds: list.pipe(z.array(z.string().regex(/^\d{1,9}$/, "Thème inconnu.")).max(10, "Dix thèmes au plus.")),
    seriesId: optionalInt("Série inconnue.", 1e9),
    seriesPosition: optionalInt("La place dans la série est un nombre entre 1 et 99.", 99),
    creditKind: z.enum(CREDIT_KINDS, { error: "Choisissez comment créditer l'auteur ou l'autrice." }),
    creditName: z.string().trim().max(80, "Le nom affiché ne doit pas dépasser 80 caractères.").default(""),
    creditAge: optionalInt("L'âge est un nombre entre 1 et 120.", 120),
    contentNotes: list.pipe(z.array(z.enum(CONTENT_NOTES, { error: "Avertissement inconnu." }))),
    coverImageId: optionalInt("Image inconnue.", 1e9),
    coverAlt: z.string().trim().max(300, "Le texte alternatif ne doit pas dépasser 300 caractères.").default(""),
    coverDecorative: z.literal("1").optional(),
    removeCover: z.literal("1").optional(),
    isFeatured: z.literal("1").optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.creditKind === "name" || v.creditKind === "pseudonym" || v.creditKind === "first_name_age") && !v.creditName) {
      ctx.addIssue({ code: "custom", path: ["creditName"], message: "Indiquez le nom, le pseudonyme ou le prénom à afficher." });
    }
    if (v.creditKind === "first_name_age" && (v.creditAge === null || v.creditAge < 1)) {
      ctx.addIssue({ code: "custom", path: ["creditAge"], message: "Indiquez l'âge à afficher avec le prénom." });
    }
    if (v.coverImageId !== null && !v.removeCover && !v.coverDecorative && !v.coverAlt) {
      ctx.addIssue({
        code: "custom",
        path: ["coverAlt"],
        message: "Décrivez l'image pour les personnes qui ne la voient pas, ou cochez « image décorative ».",
      });
    }
    if (v.seriesId !== null && v.seriesPosition === null) {
      ctx.addIssue({ code: "custom", path: ["seriesPosition"], message: "Indiquez la place du témoignage dans la série." });
    }
  });

export type StoryForm = z.infer<typeof storyForm>;

export function toStoryInput(form: StoryForm): StoryInput {
  const hasCover = form.coverImageId !== null && !form.removeCover;
  return {
    title: form.title,
    slug: form.slug,
    kind: form.kind,
    format: form.format,
    standfirst: form.standfirst,
    body: form.body,
    themeIds: form.themeIds.map(Number),
    seriesId: form.seriesId,
    seriesPosition: form.seriesId === null ? null : form.seriesPosition,
    credit: { kind: form.creditKind, name: form.creditKind === "anonymous" ? "" : form.creditName, age: form.creditKind === "first_name_age" ? form.creditAge : null },
    contentNotes: [...new Set(form.contentNotes)],
    coverImageId: hasCover ? form.coverImageId : null,
    coverAlt: hasCover && !form.coverDecorative ? form.coverAlt : "",
    isFeatured: form.isFeatured === "1",
  };
}

export const adminListQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  statut: z.enum(["draft", "review", "scheduled", "published", "unpublished"]).optional().catch(undefined),
  format: z.enum(STORY_KINDS).optional().catch(undefined),
  theme: z.coerce.number().int().min(1).max(1e9).optional().catch(undefined),
  serie: z.coerce.number().int().min(1).max(1e9).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export const STATUS_ACTIONS = ["submit", "publish", "schedule", "unpublish", "draft"] as const;

/**
 * What the story form's buttons ask besides the fields (save, preview, or save then change the
 * status), and the revision the form was loaded from, checked before anything is written.
 */
export const editorIntent = z.object({
  action: z.enum(["save", "preview", ...STATUS_ACTIONS]).catch("save"),
  baseRevision: optionalInt("Version inconnue.", 1e9).catch(null),
  publishAt: z.string().max(40).optional().catch(undefined),
});

export const statusForm = z.object({
  action: z.enum(STATUS_ACTIONS, { error: "Action inconnue." }),
  publishAt: z.string().max(40).optional(),
});

export const themeForm = z.object({
  name: z.string().trim().min(1, "Indiquez un nom.").max(80, "Le nom ne doit pas dépasser 80 caractères."),
  slug: z.string().trim().max(80, "L'adresse ne doit pas dépasser 80 caractères.").default(""),
  description: z.string().trim().max(600, "La description ne doit pas dépasser 600 caractères.").default(""),
  position: z
    .string()
    .trim()
    .default("0")
    .pipe(z.string().regex(/^\d{1,4}$/, "L'ordre est un nombre entre 0 et 9999."))
    .transform(Number),
});

export const seriesForm = z.object({
  title: z.string().trim().min(1, "Indiquez un titre.").max(160, "Le titre ne doit pas dépasser 160 caractères."),
  slug: z.string().trim().max(80, "L'adresse ne doit pas dépasser 80 caractères.").default(""),
  description: z.string().trim().max(600, "La description ne doit pas dépasser 600 caractères.").default(""),
  isCollection: z.literal("1").optional(),
});
