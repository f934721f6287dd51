import type { Generated } from "kysely";

export interface ConsentTextsTable {
  id: Generated<number>;
  body_md: string;
  created_at: string;
}

export interface CallsTable {
  id: Generated<number>;
  slug: string;
  title: string;
  theme_id: number | null;
  intro_md: Generated<string>;
  questions_md: Generated<string>;
  safety_notice_md: Generated<string>;
  opens_at: string;
  closes_at: string;
  /** Comma-separated: text, audio. */
  formats: string;
  /** Comma-separated credit kinds offered. */
  credit_options: string;
  consent_text_id: number;
  created_at: string;
  updated_at: string;
}

export interface SubmissionsTable {
  id: Generated<number>;
  receipt_hash: string;
  call_id: number | null;
  state: string;
  format: string;
  title: Generated<string>;
  body_md: Generated<string>;
  /** The processed MP3 (private): the only audio an editor ever hears. */
  audio_key: string | null;
  /** The upload without its metadata, not processed; kept only while an unsent draft may change disguise. */
  audio_source_key: string | null;
  /** Moves on when the contributor closes the follow-up: every cookie made for an older one stops working. */
  follow_up_generation: Generated<number>;
  /** none, light or strong: applied before any editor hears it. */
  audio_disguise: Generated<string>;
  audio_duration_ms: number | null;
  credit_kind: string;
  credit_name: Generated<string>;
  credit_age: number | null;
  content_notes: Generated<string>;
  consent_text_id: number;
  email: string | null;
  crisis_score: Generated<number>;
  has_crisis_signal: Generated<number>;
  assignee_id: number | null;
  labels: Generated<string>;
  story_id: number | null;
  /** The one-time token of the form it was sent with (unique): the same form never makes two rows. */
  form_token: string | null;
  /** Id of the last message the team has dealt with; a later one from the contributor is new. */
  messages_read_up_to: Generated<number>;
  /** The language of the page it was sent from: the mails to its author are written in it. */
  locale: Generated<string>;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface SubmissionMessagesTable {
  id: Generated<number>;
  submission_id: number;
  author: string;
  editor_id: number | null;
  is_internal: Generated<number>;
  body: string;
  has_crisis_signal: Generated<number>;
  created_at: string;
}

export interface ConsentEventsTable {
  id: Generated<number>;
  submission_id: number;
  event: string;
  channels: Generated<string>;
  version_id: number | null;
  consent_text_id: number;
  created_at: string;
}

export interface SubmissionTables {
  consent_texts: ConsentTextsTable;
  calls: CallsTable;
  submissions: SubmissionsTable;
  submission_messages: SubmissionMessagesTable;
  consent_events: ConsentEventsTable;
}
