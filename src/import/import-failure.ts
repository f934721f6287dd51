import type { MessageKey, Params } from "../platform/i18n/translate.js";
import { UploadsError } from "./uploads-source.js";
import { ImportError } from "./wordpress-import.service.js";
import { WxrError } from "./wxr-reader.js";

/**
 * Why a whole import run failed (a malformed or hostile export, its encoding, its size, a bad
 * uploads zip): a catalogue key and its values, stored with the run and said in the reader's
 * language by the run's page, in French by the command line.
 */
export type ImportFailure = { key: MessageKey; values: Params };

/** The failure an import's refusal of its files names; null for any other error (unexpected, for the log only). */
export function importFailureOf(error: unknown): ImportFailure | null {
  return error instanceof WxrError || error instanceof UploadsError || error instanceof ImportError ? { key: error.key, values: error.values } : null;
}
