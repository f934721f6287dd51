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

export interface NewsletterTables {
  newsletter_subscribers: NewsletterSubscribersTable;
}
