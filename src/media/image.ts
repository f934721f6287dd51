/** A stored image and the widths of its renditions (each in AVIF, WebP and JPEG). */
export type StoredImage = { id: number; key: string; width: number; height: number; widths: number[] };
