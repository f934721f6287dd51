import type { Generated, Insertable, Selectable } from "kysely";

export interface UsersTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  password_hash: string | null;
  role: string;
  is_disabled: Generated<number>;
  /** The interface language the account chose (or was given when invited): its mails are in it. */
  locale: Generated<string>;
  created_at: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
}

export interface AccountTokensTable {
  token_hash: string;
  purpose: string;
  user_id: number | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;

export interface AccountTables {
  users: UsersTable;
  sessions: SessionsTable;
  account_tokens: AccountTokensTable;
}
