import type { Generated, Selectable } from "kysely";

export interface ImagesTable {
  id: Generated<number>;
  storage_key: string;
  width: number;
  height: number;
  /** Comma-separated widths of the stored renditions. */
  widths: string;
  /** The description its source gave (an imported site's alt text); empty when none. */
  alt: Generated<string>;
  created_at: string;
}

export type ImageRow = Selectable<ImagesTable>;

export interface ImageTables {
  images: ImagesTable;
}
