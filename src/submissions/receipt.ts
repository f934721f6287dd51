import { randomBytes } from "node:crypto";
import argon2 from "argon2";

/**
 * The receipt a contributor keeps to come back without an account: 20 characters of Crockford
 * base32 (no I, L, O, U), 100 bits from the system CSPRNG, shown in five groups of four so it
 * can be copied or read aloud ("7K3M-Q9TZ-2XWD-HB4R-NC8P").
 *
 * Only an argon2id hash is stored. Its salt is the instance's own secret rather than a random
 * one, so that a receipt can be found by its hash; 100 bits make guessing pointless even so,
 * and guesses are rate-limited besides.
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const RECEIPT_LENGTH = 20;
export const RECEIPT_BITS = RECEIPT_LENGTH * 5;

export function generateReceipt(): string {
  const bytes = randomBytes(RECEIPT_LENGTH);
  // 256 is a multiple of 32, so taking each byte modulo 32 keeps every character equally likely.
  const chars = [...bytes].map((b) => ALPHABET[b % 32] as string);
  return groups(chars.join(""));
}

function groups(text: string): string {
  return (text.match(/.{1,4}/g) ?? []).join("-");
}

/**
 * Reads a receipt as a person may type or dictate it: any case, spaces or dashes anywhere,
 * and the letters easily confused with digits (O → 0, I and L → 1). Returns the canonical
 * grouped form, or null when it cannot be a receipt.
 */
export function parseReceipt(input: unknown): string | null {
  if (typeof input !== "string" || input.length > 100) return null;
  const cleaned = input
    .toUpperCase()
    .replace(/[\s\-_.‐-―]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (cleaned.length !== RECEIPT_LENGTH) return null;
  for (const c of cleaned) if (!ALPHABET.includes(c)) return null;
  return groups(cleaned);
}

// argon2id, kept moderate: a lookup happens on every follow-up visit.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1, hashLength: 32 } as const;

/** The stored form of a receipt: argon2id with the instance salt, encoded hash only. */
export async function hashReceipt(receipt: string, salt: Buffer): Promise<string> {
  const encoded = await argon2.hash(receipt, { ...OPTIONS, salt });
  // The encoded string repeats the (instance-wide) salt and parameters; keep the hash alone.
  return encoded.slice(encoded.lastIndexOf("$") + 1);
}
