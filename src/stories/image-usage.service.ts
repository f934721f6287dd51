import type { PublicImageUse } from "../media/image-visibility.js";
import type { ImageUsageFinder } from "../media/library.service.js";
import * as usages from "./image-usage.store.js";

/** Where stories show an image, for the media library: it refuses to delete an image in use. */
export const storyImageUsages: ImageUsageFinder = (db, image) => usages.findImageUsages(db, image);

/** Stories' share of "is this image public?": a released version shows it as its cover or in its text. */
export const releasedStoryImageUse: PublicImageUse = (db, key) => usages.isShownByReleasedStory(db, key);
