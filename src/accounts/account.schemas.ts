import { z } from "zod";
import { ROLES } from "../platform/http/access.js";
import { safeRedirectPath } from "../platform/http/redirect.js";

const email = z
  .string()
  .trim()
  .min(1, "Indiquez votre adresse électronique.")
  .max(254, "Cette adresse est trop longue.")
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "Indiquez une adresse électronique valide, comme nom@exemple.fr.");

const displayName = z
  .string()
  .trim()
  .min(1, "Indiquez un nom.")
  .max(80, "Le nom ne doit pas dépasser 80 caractères.");

export const signInForm = z.object({
  email,
  password: z.string().min(1, "Indiquez votre mot de passe.").max(1000, "Mot de passe trop long."),
  retour: z.string().optional(),
});

export const forgotForm = z.object({ email });

export const newPasswordForm = z
  .object({
    password: z.string().min(1, "Choisissez un mot de passe.").max(1000, "Mot de passe trop long."),
    confirmation: z.string(),
  })
  .refine((v) => v.password === v.confirmation, {
    path: ["confirmation"],
    message: "Les deux mots de passe ne sont pas identiques.",
  });

export const setupForm = z
  .object({
    email,
    displayName,
    password: z.string().min(1, "Choisissez un mot de passe.").max(1000, "Mot de passe trop long."),
    confirmation: z.string(),
  })
  .refine((v) => v.password === v.confirmation, {
    path: ["confirmation"],
    message: "Les deux mots de passe ne sont pas identiques.",
  });

const role = z.enum(ROLES, { error: "Choisissez un rôle dans la liste." });

export const inviteForm = z.object({ email, displayName, role });

export const userForm = z.object({
  displayName,
  role,
  isDisabled: z.literal("1").optional(),
});

/** Only paths of the back office are accepted as a return address after login. */
export function safeReturnPath(value: unknown): string {
  return safeRedirectPath(value, "/admin", "/admin");
}

export const ROLE_LABELS: Record<(typeof ROLES)[number], string> = {
  author: "Auteur·rice (ses brouillons)",
  editor: "Éditeur·rice (tout le contenu)",
  admin: "Administrateur·rice (comptes et réglages)",
};
