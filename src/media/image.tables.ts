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
  /** Shown under the image where it sits alone in a text; empty when none. */
  caption: Generated<string>;
  /** Who made the image (photographer, illustrator); empty when none. */
  credit: Generated<string>;
  /** 1 when the image adds nothing a reader would miss: its alt text is then empty on purpose. */
  decorative: Generated<number>;
  created_at: string;
}

export type ImageRow = Selectable<ImagesTable>;

export interface ImageTables {
  images: ImagesTable;
}
