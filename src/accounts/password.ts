import argon2 from "argon2";

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

/** French message when a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < PASSWORD_MIN) return `Choisissez au moins ${PASSWORD_MIN} caractères (une phrase de passe convient très bien).`;
  if (password.length > PASSWORD_MAX) return `Choisissez au plus ${PASSWORD_MAX} caractères.`;
  if (new Set(password).size < 5) return "Ce mot de passe répète trop les mêmes caractères.";
  if (COMMON.has(password.toLowerCase())) return "Ce mot de passe est trop courant ; choisissez-en un autre.";
  if (email && password.toLowerCase().includes(email.toLowerCase().split("@")[0] ?? "\u0000")) {
    return "Le mot de passe ne doit pas contenir votre adresse.";
  }
  return null;
}
