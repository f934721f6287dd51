import type { Generated, Selectable } from "kysely";

export interface PagesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  summary: Generated<string>;
  body_md: string;
  updated_at: string;
}

export type PageRow = Selectable<PagesTable>;

export interface PageTables {
  pages: PagesTable;
}
