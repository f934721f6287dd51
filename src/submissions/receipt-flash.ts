import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Clock } from "../platform/clock.js";

/**
 * The receipt travels from `POST /temoigner` to the page that shows it (`GET /temoigner/recu`,
 * Post/Redirect/Get) in a short-lived cookie, sealed with AES-256-GCM under a key derived from an
 * instance secret: the browser holds only ciphertext, no address ever carries the receipt, and
 * every instance can open it. The page deletes the cookie as it shows the receipt, so it is shown
 * once. Nothing about it is written to the database.
 */
export type ReceiptFlash = {
  receipt: string;
  sent: boolean;
  hasCrisisSignal: boolean;
  audio: { mustListen: boolean } | null;
  /** The form it was sent with: a second sending of that form finds it (RecentReceipts). */
  formToken: string;
};

/** Long enough for the redirect and a slow connection; the follow-up cookie lasts longer. */
export const RECEIPT_FLASH_MINUTES = 10;

const sealedShape = z.object({
  receipt: z.string().regex(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/),
  sent: z.boolean(),
  hasCrisisSignal: z.boolean(),
  audio: z.object({ mustListen: z.boolean() }).nullable(),
  formToken: z.string().max(64),
  expires: z.number(),
});

const keyOf = (secret: string) => Buffer.from(hkdfSync("sha256", secret, "", "entrepairs:receipt-flash", 32));

export function sealReceiptFlash(secret: string, flash: ReceiptFlash, now: Date): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(secret), iv);
  const plain = JSON.stringify({ ...flash, expires: now.getTime() + RECEIPT_FLASH_MINUTES * 60_000 });
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString("base64url");
}

/** The flash a cookie holds, or null when it is missing, altered, sealed by another secret or expired. */
export function openReceiptFlash(secret: string, sealed: string | undefined, now: Date): ReceiptFlash | null {
  if (!sealed || sealed.length > 2_000 || !/^[\w-]+$/.test(sealed)) return null;
  const raw = Buffer.from(sealed, "base64url");
  if (raw.length <= 28) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyOf(secret), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    const parsed = sealedShape.safeParse(JSON.parse(plain));
    if (!parsed.success || parsed.data.expires < now.getTime()) return null;
    const { expires: _expires, ...flash } = parsed.data;
    return flash;
  } catch {
    return null;
  }
}

/**
 * Receipts made in the last minutes, by form token, sealed, in this process's memory only. When
 * the same form arrives twice (a double click: the browser drops the first answer and shows the
 * second), the second answer can still carry the first one's receipt. Forgotten when the receipt
 * is shown or after RECEIPT_FLASH_MINUTES; several instances each know only their own, and a
 * second sending on another instance gets the "already sent" page.
 */
export class RecentReceipts {
  private readonly entries = new Map<string, { sealed: string; submissionId: number; until: number }>();
  // Bounded whatever the traffic: the oldest go first.
  private static readonly MAX = 5_000;

  constructor(private readonly clock: Clock) {}

  remember(formToken: string, sealed: string, submissionId: number): void {
    const now = this.clock.now().getTime();
    // Oldest first (a Map keeps insertion order): expired ones are at the front.
    for (const [token, entry] of this.entries) {
      if (entry.until >= now) break;
      this.entries.delete(token);
    }
    while (this.entries.size >= RecentReceipts.MAX) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    this.entries.delete(formToken);
    this.entries.set(formToken, { sealed, submissionId, until: now + RECEIPT_FLASH_MINUTES * 60_000 });
  }

  find(formToken: string): { sealed: string; submissionId: number } | null {
    const entry = this.entries.get(formToken);
    return entry && entry.until >= this.clock.now().getTime() ? { sealed: entry.sealed, submissionId: entry.submissionId } : null;
  }

  forget(formToken: string): void {
    this.entries.delete(formToken);
  }
}
