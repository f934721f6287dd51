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
export const STORY_BODY_TOO_LONG = "admin.story.error.bodyTooLong";

/** The story editor form, with a message (a catalogue key, translated where it is shown) for every way it can be wrong. */
export const storyForm = z
  .object({
    title: z.string().trim().min(1, "admin.story.error.titleMissing").max(200, "admin.story.error.titleTooLong"),
    slug: z.string().trim().max(80, "admin.story.error.slugTooLong").default(""),
    kind: z.enum(STORY_KINDS, { error: "admin.story.error.kind" }),
    format: z.enum(STORY_FORMATS, { error: "admin.story.error.format" }),
    standfirst: z.string().trim().max(600, "admin.story.error.standfirstTooLong").default(""),
    body: z.string().max(STORY_BODY_MAX_CHARS, STORY_BODY_TOO_LONG).default(""),
    themeIds: list.pipe(z.array(z.string().regex(/^\d{1,9}$/, "admin.story.error.theme")).max(10, "admin.story.error.tooManyThemes")),
    seriesId: optionalInt("admin.story.error.series", 1e9),
    seriesPosition: optionalInt("admin.story.error.seriesPosition", 99),
    creditKind: z.enum(CREDIT_KINDS, { error: "admin.story.error.creditKind" }),
    creditName: z.string().trim().max(80, "admin.story.error.creditNameTooLong").default(""),
    creditAge: optionalInt("admin.story.error.creditAge", 120),
    contentNotes: list.pipe(z.array(z.enum(CONTENT_NOTES, { error: "admin.story.error.contentNote" }))),
    coverImageId: optionalInt("admin.story.error.image", 1e9),
    coverAlt: z.string().trim().max(300, "admin.story.error.coverAltTooLong").default(""),
    coverDecorative: z.literal("1").optional(),
    removeCover: z.literal("1").optional(),
    isFeatured: z.literal("1").optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.creditKind === "name" || v.creditKind === "pseudonym" || v.creditKind === "first_name_age") && !v.creditName) {
      ctx.addIssue({ code: "custom", path: ["creditName"], message: "admin.story.error.creditNameMissing" });
    }
    if (v.creditKind === "first_name_age" && (v.creditAge === null || v.creditAge < 1)) {
      ctx.addIssue({ code: "custom", path: ["creditAge"], message: "admin.story.error.creditAgeMissing" });
    }
    if (v.coverImageId !== null && !v.removeCover && !v.coverDecorative && !v.coverAlt) {
      ctx.addIssue({ code: "custom", path: ["coverAlt"], message: "admin.story.error.coverAltMissing" });
    }
    if (v.seriesId !== null && v.seriesPosition === null) {
      ctx.addIssue({ code: "custom", path: ["seriesPosition"], message: "admin.story.error.seriesPositionMissing" });
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
  action: z.enum(STATUS_ACTIONS, { error: "admin.story.error.action" }),
  publishAt: z.string().max(40).optional(),
});

export const themeForm = z.object({
  name: z.string().trim().min(1, "admin.taxonomy.error.nameMissing").max(80, "admin.taxonomy.error.nameTooLong"),
  slug: z.string().trim().max(80, "admin.story.error.slugTooLong").default(""),
  description: z.string().trim().max(600, "admin.taxonomy.error.descriptionTooLong").default(""),
  position: z
    .string()
    .trim()
    .default("0")
    .pipe(z.string().regex(/^\d{1,4}$/, "admin.taxonomy.error.position"))
    .transform(Number),
});

export const seriesForm = z.object({
  title: z.string().trim().min(1, "admin.story.error.titleMissing").max(160, "admin.taxonomy.error.titleTooLong"),
  slug: z.string().trim().max(80, "admin.story.error.slugTooLong").default(""),
  description: z.string().trim().max(600, "admin.taxonomy.error.descriptionTooLong").default(""),
  isCollection: z.literal("1").optional(),
});
