import type { FileStore } from "../../src/platform/files/file-store.js";

/** Whether an object is in a store, whatever its driver. */
export async function isStored(store: FileStore, key: string): Promise<boolean> {
  return (await store.stat(key)) !== null;
}

/** Whether anything is left under a folder key. */
export async function hasFilesUnder(store: FileStore, folder: string): Promise<boolean> {
  return (await store.list(folder)).length > 0;
}
