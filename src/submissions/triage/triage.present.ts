import { type CrisisPassageView, presentCrisisPassages } from "../../safety/crisis-signal.present.js";
import { NOTE_LABELS } from "../../editorial/views/story-editor-page.js";
import type { Viewer } from "../../platform/http/access.js";
import { renderMarkdown } from "../../platform/html/markdown.js";
import { formatDateTime } from "../../platform/i18n/locale.js";
import { CONTRIBUTOR_LABEL, type Credit, creditLabel } from "../../stories/story.js";
import { CHANNEL_LABELS, CONSENT_EVENT_LABELS, isConsentChannel, isConsentEvent, isOpen, STATE_LABELS } from "../submission.js";
import type { editorView } from "../submission.service.js";
import type { TriageItem } from "../submission.store.js";

/**
 * The editors' view of contributions, in words: states, content notes, consent events, channels
 * and credits are always their French labels, never the codes stored beside them, and every act of
 * the person who wrote (a message, an anonymisation, a withdrawal) is theirs by name.
 */

export const creditForEditors = (c: Credit) => creditLabel(c, { anonymous: "Anonyme", age: (n, a) => `${n}, ${a} ans` });

/** A code the labels do not know is said to be unknown, never shown as it is stored. */
const UNKNOWN = "inconnu";

export const noteLabels = (notes: string[]) => notes.map((n) => NOTE_LABELS[n] ?? UNKNOWN);

export function consentLine(event: string, channels: string[], consentTextId: number): string {
  const known = isConsentEvent(event) ? CONSENT_EVENT_LABELS[event] : null;
  const who = known ? (known.byContributor ? CONTRIBUTOR_LABEL.toLowerCase() : "l'équipe") : null;
  const uses = channels.map((ch) => (isConsentChannel(ch) ? CHANNEL_LABELS[ch] : UNKNOWN)).join(", ");
  const what = known ? `${known.label} par ${who}` : `Événement ${UNKNOWN}`;
  return `${what}${uses ? ` ; usages : ${uses}` : ""} (texte de consentement n° ${consentTextId})`;
}

export type TriageRow = {
  id: number;
  title: string;
  state: string;
  received: string;
  crisis: boolean;
  audio: boolean;
  credit: string;
  assignee: string;
  /** The call answered, or "Libre". */
  call: string;
  hasNewMessage: boolean;
};

export function presentTriageRow(s: TriageItem, names: Map<number, string>): TriageRow {
  return {
    id: s.id,
    title: s.title || `Contribution n° ${s.id}`,
    state: STATE_LABELS[s.state] ?? UNKNOWN,
    received: formatDateTime("fr", s.createdAt),
    crisis: s.hasCrisisSignal,
    audio: s.format === "audio",
    credit: creditForEditors(s.credit),
    assignee: s.assigneeId ? (names.get(s.assigneeId) ?? "—") : "Personne",
    call: s.callTitle ?? "Libre",
    hasNewMessage: s.hasNewMessage,
  };
}

export type ContributionView = {
  id: number;
  title: string;
  /** The stored state, for the state form's current choice; shown only as `stateLabel`. */
  state: string;
  stateLabel: string;
  received: string;
  call: string;
  credit: string;
  email: string | null;
  crisis: boolean;
  contentNotes: string;
  bodyHtml: string;
  assignedToViewer: boolean;
  assignee: string;
  messages: Array<{ from: string; when: string; body: string; internal: boolean; crisis: boolean; isNew: boolean }>;
  /** The last message shown: what an editor acting from this page has seen. */
  seenUpTo: number;
  hasNewMessage: boolean;
  consents: Array<{ when: string; what: string }>;
  canChangeState: boolean;
  storyHref: string | null;
  /** The person asked for anonymity after their last approval: the story is offline until they approve an anonymous version. */
  anonymityRequested: boolean;
  /** The passages that weighed in a crisis signal (found again at each view, never stored). */
  crisisPassages: CrisisPassageView[];
};

type EditorData = NonNullable<Awaited<ReturnType<typeof editorView>>>;

export function presentContributionForEditors(data: EditorData, viewer: Viewer, extra: { assignee: string | null; callTitle: string | null }): ContributionView {
  const s = data.submission;
  const seenUpTo = data.messages.reduce((max, m) => Math.max(max, m.id), 0);
  const isNew = (m: EditorData["messages"][number]) => m.author === "contributor" && m.id > s.messagesReadUpTo;
  return {
    id: s.id,
    title: s.title || `Contribution n° ${s.id}`,
    state: s.state,
    stateLabel: STATE_LABELS[s.state] ?? UNKNOWN,
    received: formatDateTime("fr", s.createdAt),
    call: extra.callTitle ?? "Libre",
    credit: creditForEditors(s.credit),
    email: s.email,
    crisis: s.hasCrisisSignal,
    contentNotes: noteLabels(s.contentNotes).join(", "),
    // Under the page's h1 and its h2 "Texte".
    bodyHtml: renderMarkdown(s.bodyMd, { firstHeadingLevel: 3 }),
    assignedToViewer: s.assigneeId === viewer.id,
    assignee: extra.assignee ?? "Personne",
    messages: data.messages.map((m) => ({
      from: m.author === "contributor" ? CONTRIBUTOR_LABEL : (m.editorName ?? "L'équipe"),
      when: formatDateTime("fr", m.createdAt),
      body: m.body,
      internal: m.isInternal,
      crisis: m.hasCrisisSignal,
      isNew: isNew(m),
    })),
    seenUpTo,
    hasNewMessage: data.messages.some(isNew),
    consents: data.consents.map((c) => ({ when: formatDateTime("fr", c.createdAt), what: consentLine(c.event, c.channels, c.consentTextId) })),
    canChangeState: isOpen(s.state),
    storyHref: s.storyId ? `/admin/temoignages/${s.storyId}` : null,
    anonymityRequested: data.anonymityRequested,
    // The same text as assessed at intake; the passages are found again here, never stored.
    crisisPassages: s.hasCrisisSignal
      ? [
          ...presentCrisisPassages(`${s.title}\n${s.bodyMd}`, "Texte reçu"),
          ...data.messages
            .filter((m) => m.author === "contributor" && m.hasCrisisSignal)
            .flatMap((m) => presentCrisisPassages(m.body, `Message du ${formatDateTime("fr", m.createdAt)}`)),
        ]
      : [],
  };
}
