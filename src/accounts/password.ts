import argon2 from "argon2";
import type { MessageKey } from "../platform/i18n/translate.js";

// argon2id with OWASP's second recommended profile (19 MiB, 2 passes): slow for an attacker,
// about 30 ms here, so a login does not stall the server.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) {
    // Same work as a real check, so timing does not reveal unknown accounts.
    await argon2.hash(password, OPTIONS);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

const COMMON = new Set([
  "motdepasse123",
  "123456789012",
  "azertyuiop12",
  "password1234",
  "qwertyuiop12",
  "entrepairs123",
  "motdepasse1234",
  "azertyuiop123",
  "soleil123456",
]);

/** The lengths a refusal names: give them to the translator with the refusal's key. */
export const PASSWORD_LIMITS = { min: PASSWORD_MIN, max: PASSWORD_MAX };

/** Why a new password is refused (a catalogue key, worded with PASSWORD_LIMITS), or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): MessageKey | null {
  if (password.length < PASSWORD_MIN) return "admin.accounts.error.passwordShort";
  if (password.length > PASSWORD_MAX) return "admin.accounts.error.passwordLong";
  if (new Set(password).size < 5) return "admin.accounts.error.passwordRepetitive";
  if (COMMON.has(password.toLowerCase())) return "admin.accounts.error.passwordCommon";
  if (email && password.toLowerCase().includes(email.toLowerCase().split("@")[0] ?? "\u0000")) {
    return "admin.accounts.error.passwordHasEmail";
  }
  return null;
}
