import { type CrisisPassageView, presentCrisisPassages } from "../../safety/crisis-signal.present.js";
import type { Viewer } from "../../platform/http/access.js";
import { renderMarkdown } from "../../platform/html/markdown.js";
import { formatDateTime, type Locale } from "../../platform/i18n/locale.js";
import { isMessageKey, type Translate } from "../../platform/i18n/translate.js";
import { type Credit, creditLabel } from "../../stories/story.js";
import { CONSENT_EVENT_BY_CONTRIBUTOR, isConsentChannel, isConsentEvent, isOpen } from "../submission.js";
import type { editorView } from "../submission.service.js";
import type { TriageItem } from "../submission.store.js";

/**
 * The editors' view of contributions, in words of the editor's language: states, content notes,
 * consent events, channels and credits are always labels, never the codes stored beside them, and
 * every act of the person who wrote (a message, an anonymisation, a withdrawal) is theirs by name.
 */

/** The editor's language: the translator and the locale its dates are written in. */
export type EditorLanguage = { t: Translate; locale: Locale };

export const creditForEditors = (t: Translate, c: Credit) =>
  creditLabel(c, { anonymous: t("admin.contributions.anonymous"), age: (name, age) => t("admin.contributions.nameAge", { name, age: String(age) }) });

/** A label of the catalogue for a stored code; a code the labels do not know is said to be unknown, never shown as it is stored. */
function labelOf(t: Translate, prefix: string, code: string): string {
  const key = `${prefix}${code}`;
  return isMessageKey(key) ? t(key) : t("admin.contributions.unknown");
}

export const stateLabel = (t: Translate, state: string) => labelOf(t, "admin.contributions.state.", state);

export const noteLabels = (t: Translate, notes: string[]) => notes.map((n) => labelOf(t, "contribute.note.", n));

export function consentLine(t: Translate, event: string, channels: string[], consentTextId: number): string {
  const known = isConsentEvent(event);
  const uses = channels.map((ch) => (isConsentChannel(ch) ? t(`contribute.channel.${ch}`) : t("admin.contributions.unknown"))).join(", ");
  const line = known
    ? t("admin.contributions.event.by", {
        event: t(`admin.contributions.event.${event}`),
        who: t(CONSENT_EVENT_BY_CONTRIBUTOR[event] ? "admin.contributions.event.byContributor" : "admin.contributions.event.byTeam"),
      })
    : t("admin.contributions.event.unknown");
  return t("admin.contributions.event.text", { line: uses ? t("admin.contributions.event.uses", { line, uses }) : line, id: String(consentTextId) });
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
  /** The call answered, or that none is. */
  call: string;
  hasNewMessage: boolean;
};

export function presentTriageRow({ t, locale }: EditorLanguage, s: TriageItem, names: Map<number, string>): TriageRow {
  return {
    id: s.id,
    title: s.title || t("admin.contributions.untitled", { id: String(s.id) }),
    state: stateLabel(t, s.state),
    received: formatDateTime(locale, s.createdAt),
    crisis: s.hasCrisisSignal,
    audio: s.format === "audio",
    credit: creditForEditors(t, s.credit),
    assignee: s.assigneeId ? (names.get(s.assigneeId) ?? "—") : t("admin.contributions.nobody"),
    call: s.callTitle ?? t("admin.contributions.noCall"),
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

export function presentContributionForEditors(
  { t, locale }: EditorLanguage,
  data: EditorData,
  viewer: Viewer,
  extra: { assignee: string | null; callTitle: string | null },
): ContributionView {
  const s = data.submission;
  const seenUpTo = data.messages.reduce((max, m) => Math.max(max, m.id), 0);
  const isNew = (m: EditorData["messages"][number]) => m.author === "contributor" && m.id > s.messagesReadUpTo;
  return {
    id: s.id,
    title: s.title || t("admin.contributions.untitled", { id: String(s.id) }),
    state: s.state,
    stateLabel: stateLabel(t, s.state),
    received: formatDateTime(locale, s.createdAt),
    call: extra.callTitle ?? t("admin.contributions.noCall"),
    credit: creditForEditors(t, s.credit),
    email: s.email,
    crisis: s.hasCrisisSignal,
    contentNotes: noteLabels(t, s.contentNotes).join(", "),
    // Under the page's h1 and its h2 "Texte".
    bodyHtml: renderMarkdown(s.bodyMd, { firstHeadingLevel: 3 }),
    assignedToViewer: s.assigneeId === viewer.id,
    assignee: extra.assignee ?? t("admin.contributions.nobody"),
    messages: data.messages.map((m) => ({
      from: m.author === "contributor" ? t("admin.contributions.contributor") : (m.editorName ?? t("admin.contributions.team")),
      when: formatDateTime(locale, m.createdAt),
      body: m.body,
      internal: m.isInternal,
      crisis: m.hasCrisisSignal,
      isNew: isNew(m),
    })),
    seenUpTo,
    hasNewMessage: data.messages.some(isNew),
    consents: data.consents.map((c) => ({ when: formatDateTime(locale, c.createdAt), what: consentLine(t, c.event, c.channels, c.consentTextId) })),
    canChangeState: isOpen(s.state),
    storyHref: s.storyId ? `/admin/temoignages/${s.storyId}` : null,
    anonymityRequested: data.anonymityRequested,
    // The same text as assessed at intake; the passages are found again here, never stored.
    crisisPassages: s.hasCrisisSignal
      ? [
          ...presentCrisisPassages(locale, `${s.title}\n${s.bodyMd}`, t("admin.contributions.passages.fromText")),
          ...data.messages
            .filter((m) => m.author === "contributor" && m.hasCrisisSignal)
            .flatMap((m) => presentCrisisPassages(locale, m.body, t("admin.contributions.passages.fromMessage", { when: formatDateTime(locale, m.createdAt) }))),
        ]
      : [],
  };
}
