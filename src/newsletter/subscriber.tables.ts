import type { Generated } from "kysely";

export interface NewsletterSubscribersTable {
  id: Generated<number>;
  email: string;
  /** Carried by every link of every mail to this address: confirm, unsubscribe, see one's data. */
  token: string;
  /** The date of consent; null while the address waits for its owner's confirmation. */
  confirmed_at: string | null;
  requested_at: string;
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
}

export interface NewsletterDeliveriesTable {
  issue_id: number;
  subscriber_id: number;
}

export interface NewsletterTables {
  newsletter_subscribers: NewsletterSubscribersTable;
  newsletter_issues: NewsletterIssuesTable;
  newsletter_deliveries: NewsletterDeliveriesTable;
}
