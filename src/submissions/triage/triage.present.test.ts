import { createElement as h } from "preact";
import { renderHtml } from "../../platform/html/html-renderer.js";
import { describe, expect, it } from "vitest";
import { rawCodesShown } from "../../../test/support/raw-codes.js";
import { translator } from "../../platform/i18n/translate.js";
import { CONTENT_NOTES, CREDIT_KINDS, type CreditKind } from "../../stories/story.js";
import { CONSENT_CHANNELS, CONSENT_EVENTS, SUBMISSION_STATES, type SubmissionState } from "../submission.js";
import type { editorView } from "../submission.service.js";
import type { Submission, TriageItem } from "../submission.store.js";
import { presentContributionForEditors, presentTriageRow } from "./triage.present.js";
import { ContributionAdminPage, TriagePage, UrgentContributions } from "./views/triage-pages.js";

const VIEWER = { id: 1, role: "editor" as const, email: "e@exemple.fr", displayName: "Camille" };

function contribution(state: SubmissionState, kind: CreditKind, id: number): Submission {
  return {
    id,
    callId: null,
    state,
    format: "text",
    title: `Contribution ${id}`,
    bodyMd: "Un texte.",
    audio: { key: null, sourceKey: null, disguise: "none", durationMs: null },
    credit: { kind, name: kind === "anonymous" ? "" : "Nour", age: kind === "first_name_age" ? 29 : null },
    contentNotes: [...CONTENT_NOTES],
    consentTextId: 1,
    email: null,
    hasCrisisSignal: id % 2 === 0,
    crisisScore: 0,
    assigneeId: null,
    storyId: null,
    messagesReadUpTo: 1,
    locale: "fr",
    createdAt: "2026-12-04T09:00:00.000Z",
    updatedAt: "2026-12-04T09:00:00.000Z",
    closedAt: null,
  };
}

type EditorData = NonNullable<Awaited<ReturnType<typeof editorView>>>;

function editorData(s: Submission): EditorData {
  return {
    submission: s,
    messages: [
      { id: 1, author: "contributor", editorName: null, isInternal: false, body: "Bonjour.", hasCrisisSignal: false, createdAt: s.createdAt },
      { id: 2, author: "editor", editorName: "Camille", isInternal: true, body: "À relire.", hasCrisisSignal: false, createdAt: s.createdAt },
      { id: 3, author: "contributor", editorName: null, isInternal: false, body: "Merci.", hasCrisisSignal: true, createdAt: s.createdAt },
    ],
    consents: CONSENT_EVENTS.map((event, i) => ({ id: i + 1, event, channels: [...CONSENT_CHANNELS], versionId: null, consentTextId: 1, createdAt: s.createdAt })),
    anonymityRequested: true,
  };
}

describe("the editors' pages, in words", () => {
  const t = translator("fr");
  const fr = { t, locale: "fr" as const };
  const cases = SUBMISSION_STATES.flatMap((state) => CREDIT_KINDS.map((kind) => ({ state, kind })));

  it("render every state, credit kind, content note, consent event and channel as a label on the contribution page", () => {
    cases.forEach(({ state, kind }, i) => {
      const view = presentContributionForEditors(fr, editorData(contribution(state, kind, i + 1)), VIEWER, { assignee: null, callTitle: null });
      const html = renderHtml(h(ContributionAdminPage, { view, messageForm: { values: {}, errors: {} }, noteForm: { values: {}, errors: {} }, stateForm: { values: {}, errors: {} }, csrf: "x", t }));
      expect(rawCodesShown(html), `${state} ${kind}`).toEqual([]);
      expect(html).toContain("Accord donné par la personne qui témoigne\u202f; usages\u202f: Publication sur le site, Reprise dans la lettre d&#39;information".replace("&#39;", "'"));
      expect(html).toContain("Version envoyée pour accord par l&#39;équipe".replace("&#39;", "'"));
      expect(html).toContain("Hospitalisation sans consentement, Violence, Addictions, Troubles alimentaires");
      expect(html).toMatch(/Nouveau<\/strong> La personne qui témoigne, /);
    });
  });

  it("render every state and credit kind as a label in the triage list and on the back-office home", () => {
    const rows = cases.map(({ state, kind }, i) => presentTriageRow(fr, { ...contribution(state, kind, i + 1), callTitle: i % 3 ? null : "Un appel", hasNewMessage: i % 2 === 1 } satisfies TriageItem, new Map()));
    for (const html of [renderHtml(h(TriagePage, { rows, counts: { received: 3 }, state: "", t })), renderHtml(h(UrgentContributions, { rows, t }))]) {
      expect(rawCodesShown(html)).toEqual([]);
      expect(html).toContain("Nouveau message");
      expect(html).toContain(">Libre<");
      expect(html).toContain(">Un appel<");
    }
  });

  it("says an unknown stored code is unknown rather than showing it", () => {
    const odd = { ...contribution("received", "anonymous", 1), state: "mystery" as SubmissionState, contentNotes: ["not_a_note"] };
    const data = editorData(odd);
    data.consents = [{ id: 1, event: "strange_event", channels: ["carrier_pigeon"], versionId: null, consentTextId: 1, createdAt: odd.createdAt }];
    const view = presentContributionForEditors(fr, data, VIEWER, { assignee: null, callTitle: null });
    const html = renderHtml(h(ContributionAdminPage, { view, messageForm: { values: {}, errors: {} }, noteForm: { values: {}, errors: {} }, stateForm: { values: {}, errors: {} }, csrf: "x", t }));
    for (const code of ["mystery", "not_a_note", "strange_event", "carrier_pigeon"]) expect(html).not.toContain(code);
  });

  it("speak English to an English-speaking editor, labels and dates included, the person's words kept as written", () => {
    const t = translator("en");
    const en = { t, locale: "en" as const };
    const s = { ...contribution("awaiting_approval", "first_name_age", 2), title: "", email: "nour@exemple.fr" };
    const view = presentContributionForEditors(en, editorData(s), VIEWER, { assignee: null, callTitle: null });
    const page = renderHtml(h(ContributionAdminPage, { view, messageForm: { values: {}, errors: {} }, noteForm: { values: {}, errors: {} }, stateForm: { values: {}, errors: {} }, csrf: "x", t }));
    for (const words of [
      "Contribution no. 2",
      "Awaiting approval",
      "Nour, 29",
      "4 December 2026",
      "Involuntary hospitalisation, Violence, Addiction, Eating disorders",
      "Consent given by the contributor; uses: Publication on the website, Inclusion in the newsletter",
      "Version sent for approval by the team",
      "Anonymity requested",
      "Crisis signal",
      "Messages and notes",
      "Send to the contributor",
      "Save the internal note",
      "Consent ledger",
      "Assign to me",
    ])
      expect(page).toContain(words);
    expect(page).toMatch(/New<\/strong> The contributor, /);
    expect(page).toContain("Bonjour.");
    const rows = [presentTriageRow(en, { ...s, callTitle: null, hasNewMessage: true } satisfies TriageItem, new Map())];
    const list = renderHtml(h(TriagePage, { rows, counts: { awaiting_approval: 1 }, state: "", t }));
    for (const words of ["1 contribution with a crisis signal", "1 contribution has a new message", "All (1)", "Awaiting approval (1)", ">None<", ">Nobody<", "New message"]) expect(list).toContain(words);
    expect(renderHtml(h(UrgentContributions, { rows: [], t }))).toContain("Needs attention first");
  });
});
