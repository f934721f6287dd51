import { z } from "zod";
import { CONTENT_NOTES, CREDIT_KINDS } from "../stories/story.js";
import { CONSENT_CHANNELS, type ContributionDraft, EDITOR_STATES } from "./submission.js";

const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

// Public forms carry catalogue keys as messages: the page shows them in the reader's language.
export const BODY_REQUIRED = "contribute.error.bodyMissing";

/** The contribution form: free or in answer to a call, sent or saved as a draft. */
export const contributionForm = z
  .object({
    title: z.string().trim().max(200, "contribute.error.titleTooLong").default(""),
    // Required for a written testimony; optional beside a recording (checked below).
    body: z.string().trim().max(50_000, "contribute.error.bodyTooLong").default(""),
    format: z.enum(["text", "audio"]).default("text"),
    creditKind: z.enum(CREDIT_KINDS, { error: "contribute.error.creditKind" }),
    creditName: z.string().trim().max(80, "contribute.error.creditNameTooLong").default(""),
    creditAge: z
      .string()
      .trim()
      .default("")
      .refine((v) => v === "" || (/^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= 120), "contribute.error.creditAge"),
    contentNotes: list.pipe(z.array(z.enum(CONTENT_NOTES, { error: "contribute.error.contentNote" }))),
    channels: list.pipe(z.array(z.enum(CONSENT_CHANNELS, { error: "contribute.error.channel" }))),
    email: z
      .string()
      .trim()
      .max(254, "contribute.error.emailTooLong")
      .default("")
      .refine((v) => v === "" || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), "contribute.error.emailInvalid"),
    // Needed to send, never to save a draft (checked below, after the action is known).
    consent: z.string().max(1).default(""),
    action: z.enum(["send", "draft"]).default("send"),
    appel: z.string().max(80).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.action === "send" && v.consent !== "1") ctx.addIssue({ code: "custom", path: ["consent"], message: "contribute.error.consent" });
    if (v.format === "text" && !v.body) ctx.addIssue({ code: "custom", path: ["body"], message: BODY_REQUIRED });
    if (v.creditKind !== "anonymous" && !v.creditName) {
      ctx.addIssue({ code: "custom", path: ["creditName"], message: "contribute.error.creditNameMissing" });
    }
    if (v.creditKind === "first_name_age" && !v.creditAge) {
      ctx.addIssue({ code: "custom", path: ["creditAge"], message: "contribute.error.creditAgeMissing" });
    }
  });

export type ContributionForm = z.infer<typeof contributionForm>;

/** The contribution as typed, for the services. */
export function toContributionDraft(d: ContributionForm): ContributionDraft {
  return {
    title: d.title,
    body: d.body,
    credit: { kind: d.creditKind, name: d.creditName, age: d.creditAge ? Number(d.creditAge) : null },
    contentNotes: d.contentNotes,
    channels: d.channels,
    email: d.email || null,
  };
}

export const receiptForm = z.object({ receipt: z.string().max(100, "followUp.error.receiptTooLong").default("") });

export const messageForm = z.object({
  body: z.string().trim().min(1, "followUp.error.messageMissing").max(10_000, "followUp.error.messageTooLong"),
});

/** What the team has seen when it acts: messages up to this id are no longer new. */
const seenUpTo = z.string().regex(/^\d{1,12}$/).default("0").transform(Number);

/** A message to the person who wrote the contribution: it always reaches them. */
export const editorMessageForm = z
  .object({
    message: z.string().trim().min(1, "admin.contributions.error.messageRequired").max(10_000, "admin.contributions.error.messageTooLong"),
    isInternal: z.string().optional(),
    seenUpTo,
  })
  .superRefine((v, ctx) => {
    // An internal note has its own form; a stale page still asking for one is refused, never sent.
    if (v.isInternal !== undefined) {
      ctx.addIssue({ code: "custom", path: ["message"], message: "admin.contributions.error.internalInMessage" });
    }
  });

/** An internal note: the team only, never shown nor announced to the person. */
export const internalNoteForm = z.object({
  note: z.string().trim().min(1, "admin.contributions.error.noteRequired").max(10_000, "admin.contributions.error.noteTooLong"),
  seenUpTo,
});

export const markReadForm = z.object({ seenUpTo });

export const stateForm = z.object({ state: z.enum(EDITOR_STATES as [string, ...string[]], { error: "admin.contributions.error.stateUnknown" }) });

export const sendDraftForm = z.object({
  channels: list.pipe(z.array(z.enum(CONSENT_CHANNELS, { error: "contribute.error.channel" }))),
  consent: z.literal("1", { error: "contribute.error.consent" }),
});

const localTime = (message: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, message);

export const callForm = z.object({
  title: z.string().trim().min(1, "admin.calls.error.titleRequired").max(200, "admin.calls.error.titleTooLong"),
  slug: z.string().trim().max(80, "admin.calls.error.slugTooLong").default(""),
  themeId: z.string().default("").refine((v) => v === "" || /^\d{1,9}$/.test(v), "admin.calls.error.themeUnknown"),
  introMd: z.string().trim().min(1, "admin.calls.error.introRequired").max(10_000, "admin.calls.error.introTooLong"),
  questionsMd: z.string().trim().max(10_000, "admin.calls.error.questionsTooLong").default(""),
  safetyNoticeMd: z.string().trim().max(5_000, "admin.calls.error.safetyTooLong").default(""),
  opensAt: localTime("admin.calls.error.opensAtRequired"),
  closesAt: localTime("admin.calls.error.closesAtRequired"),
  formats: list.pipe(z.array(z.enum(["text", "audio"], { error: "admin.calls.error.formatUnknown" })).min(1, "admin.calls.error.formatRequired")),
  creditOptions: list.pipe(z.array(z.enum(CREDIT_KINDS, { error: "admin.calls.error.creditUnknown" })).min(1, "admin.calls.error.creditRequired")),
  consentText: z.string().trim().min(1, "admin.calls.error.consentRequired").max(10_000, "admin.calls.error.consentTooLong"),
});
