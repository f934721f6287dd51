import type { Generated } from "kysely";

export interface NewsletterSubscribersTable {
  id: Generated<number>;
  email: string;
  /** Carried by every link of every mail to this address: confirm, unsubscribe, see one's data. */
  token: string;
  /** The date of consent; null while the address waits for its owner's confirmation. */
  confirmed_at: string | null;
  requested_at: string;
  /** The language of /lettre where the address was given: its confirmation and access mails are in it. */
  locale: Generated<string>;
}

export interface NewsletterIssuesTable {
  id: Generated<number>;
  subject: string;
  /** The editors' free text (Markdown, raw HTML off), shown before the stories. */
  intro: string;
  /** Story ids in the editors' order, comma-separated. */
  story_ids: string;
  state: "draft" | "sending" | "sent";
  created_at: string;
  sent_at: string | null;
  /** When a scheduled draft goes (UTC); the periodic task claims it once that time has passed. */
  send_at: string | null;
}

export interface NewsletterDeliveriesTable {
  issue_id: number;
  subscriber_id: number;
}

/** One row (id 1): the weekly digest's day and hour, in Paris time. */
export interface NewsletterDigestSettingsTable {
  id: number;
  enabled: number;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  hour: number;
  /** The first digest goes at the first chosen time after this. */
  updated_at: string;
}

/** A week the digest was decided for (its key, e.g. "2026-W49"): at most one digest per week. */
export interface NewsletterDigestPeriodsTable {
  period: string;
  /** Null when the week had no story to send. */
  issue_id: number | null;
  decided_at: string;
}

export interface NewsletterTables {
  newsletter_subscribers: NewsletterSubscribersTable;
  newsletter_issues: NewsletterIssuesTable;
  newsletter_deliveries: NewsletterDeliveriesTable;
  newsletter_digest_settings: NewsletterDigestSettingsTable;
  newsletter_digest_periods: NewsletterDigestPeriodsTable;
}
