import path from "node:path";
import type { FilesConfig } from "../../config.js";
import { createEncryptedFileStore } from "./encrypted-file-store.js";
import type { FileStore } from "./file-store.js";
import { createLocalFileStore } from "./local-file-store.js";
import { createS3Client, createS3FileStore } from "./s3-file-store.js";

export type FileStores = {
  /** Served to anyone who has the address: images, released episodes' audio. */
  files: FileStore;
  /** Never public: contributors' recordings and texts, uploads waiting for a job. Encrypted when a key is set. */
  privateFiles: FileStore;
  close(): void;
};

/** The stores the configuration asks for: the data folder, or one bucket with media/ and private/. */
export function openFileStores(config: FilesConfig, dataDir: string): FileStores {
  const privately = (store: FileStore) => (config.encryptionKey ? createEncryptedFileStore(store, config.encryptionKey) : store);
  if (config.driver === "local") {
    return {
      files: createLocalFileStore(path.join(dataDir, "media")),
      privateFiles: privately(createLocalFileStore(path.join(dataDir, "private", "files"))),
      close() {},
    };
  }
  const client = createS3Client(config.s3);
  return {
    files: createS3FileStore(client, config.s3.bucket, "media"),
    privateFiles: privately(createS3FileStore(client, config.s3.bucket, "private")),
    close: () => client.destroy(),
  };
}
