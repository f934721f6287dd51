import type { Queryable } from "../database.js";
import type { VersionedMemo } from "../platform/cache/versioned-memo.js";

/**
 * Whether something readers can see shows this image: each feature answers for its own uses
 * (released stories, the site's logo and share image, pages). `key` is the storage key,
 * `images/<24 hex digits>`, under which every rendition of the image lives.
 */
export type PublicImageUse = (db: Queryable, key: string) => Promise<boolean>;

export type ImageVisibility = {
  /** True while a public use shows the image: the one rule for serving its bytes to readers. */
  isPublic(key: string): Promise<boolean>;
};

/**
 * An image is public only while something public uses it. The answer is remembered per content
 * version (its own memo, so a flood of unknown keys cannot evict other memos): every withdrawal,
 * unpublication, anonymisation, erasure or settings change marks the content changed in its
 * transaction, so every instance asks again at its next request.
 */
export function imageVisibility(deps: { db: Queryable; memo: VersionedMemo; publicUses: PublicImageUse[] }): ImageVisibility {
  return {
    isPublic: (key) =>
      deps.memo.get(key, async () => {
        for (const isUsed of deps.publicUses) if (await isUsed(deps.db, key)) return true;
        return false;
      }),
  };
}
