import type { Generated } from "kysely";

export interface ContactMessagesTable {
  id: Generated<number>;
  subject: string;
  body: string;
  reply_to: string | null;
  is_read: Generated<number>;
  created_at: string;
}

export interface ContactTables {
  contact_messages: ContactMessagesTable;
}
