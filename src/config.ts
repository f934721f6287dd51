import path from "node:path";
import { z } from "zod";
import { parseEncryptionKey } from "./platform/files/encrypted-file-store.js";
import type { S3Settings } from "./platform/files/s3-file-store.js";

/**
 * The only reader of process.env. Each variable is described here; the README's
 * configuration table is checked against this list by a test.
 */
export const configVariables = {
  PORT: { default: "3000", description: "Port HTTP d'écoute / HTTP port" },
  HOST: { default: "127.0.0.1", description: "Adresse d'écoute (0.0.0.0 pour toutes) / listen address" },
  DATA_DIR: { default: "./data", description: "Dossier des données : base SQLite et médias / data folder" },
  DATABASE_URL: {
    default: "",
    description: "Vide : SQLite dans DATA_DIR ; postgres://… : PostgreSQL / empty for SQLite, postgres:// for PostgreSQL",
  },
  BASE_URL: {
    default: "http://localhost:3000",
    description: "Adresse publique du site, pour les liens absolus ; https:// active les cookies Secure / public URL",
  },
  SMTP_URL: {
    default: "",
    description: "Serveur d'envoi (smtp://user:pass@host:port) ; vide : les courriels sont écrits dans le journal",
  },
  MAIL_FROM: { default: "ne-pas-repondre@localhost", description: "Expéditeur des courriels / sender" },
  SEED_DEMO: {
    default: "auto",
    description: "auto : contenu de démonstration si la base est vide ; on / off / demo content on an empty database",
  },
  PAGE_CACHE: { default: "on", description: "Cache des pages publiques en mémoire (on/off) / public page cache" },
  LOG_LEVEL: { default: "info", description: "Niveau de journal : fatal, error, warn, info, debug / log level" },
  TRUST_PROXY: {
    default: "off",
    description: "on derrière un proxy inverse (HTTPS terminé en amont) / on behind a reverse proxy",
  },
  LIMITS_SECRET: {
    default: "",
    description:
      "Secret commun aux instances pour les clés des limites de débit (PostgreSQL) ; vide : créé et gardé dans la base / shared secret for rate-limit keys",
  },
  FILES: {
    default: "local",
    description: "Stockage des fichiers : local (DATA_DIR) ou s3 (plusieurs instances) / file storage: local or s3",
  },
  S3_ENDPOINT: { default: "", description: "FILES=s3 : adresse du service S3 (https://…) / S3 endpoint URL" },
  S3_BUCKET: { default: "", description: "FILES=s3 : nom du bucket (médias sous media/, fichiers privés sous private/) / bucket" },
  S3_ACCESS_KEY_ID: { default: "", description: "FILES=s3 : identifiant de la clé d'accès / access key id" },
  S3_SECRET_ACCESS_KEY: { default: "", description: "FILES=s3 : clé d'accès secrète / secret access key" },
  S3_REGION: { default: "us-east-1", description: "FILES=s3 : région / region" },
  S3_FORCE_PATH_STYLE: {
    default: "off",
    description: "FILES=s3 : on pour les adresses hôte/bucket (MinIO, Garage…) / on for path-style addressing",
  },
  FILES_ENCRYPTION_KEY: {
    default: "",
    description:
      "Clé (64 chiffres hexadécimaux) qui chiffre les fichiers privés ; obligatoire avec FILES=s3 / key encrypting private files, required with s3",
  },
  JOB_LEASE_SECONDS: {
    default: "600",
    description:
      "Durée pendant laquelle une tâche de fond reste à l'instance qui l'a prise ; passée sans nouvelle, une autre la reprend / how long a background job stays with the instance that took it",
  },
  BACKUP_RETENTION_DAYS: {
    default: "30",
    description: "Durée de garde des sauvegardes, annoncée aux contributeurs qui effacent tout / how long backups are kept",
  },
} as const;

type VariableName = keyof typeof configVariables;

const onOff = (name: string) =>
  z.enum(["on", "off", "true", "false", "1", "0"], {
    error: `${name} : attendu on ou off / expected on or off`,
  });

const schema = z.object({
  PORT: z.coerce
    .number({ error: "PORT : attendu un nombre entre 1 et 65535 / expected a number from 1 to 65535" })
    .int("PORT : attendu un entier / expected an integer")
    .min(0, "PORT : attendu un nombre entre 0 et 65535 / expected 0 to 65535")
    .max(65535, "PORT : attendu un nombre entre 0 et 65535 / expected 0 to 65535"),
  HOST: z.string().min(1, "HOST : adresse vide / empty address"),
  DATA_DIR: z.string().min(1, "DATA_DIR : chemin vide / empty path"),
  DATABASE_URL: z
    .string()
    .refine(
      (v) => v === "" || /^postgres(ql)?:\/\//.test(v),
      "DATABASE_URL : attendu vide (SQLite) ou postgres://… / expected empty or postgres://…",
    ),
  BASE_URL: z
    .string()
    .refine(
      (v) => /^https?:\/\/[^/\s]+/.test(v) && !v.endsWith("/"),
      "BASE_URL : attendu http(s)://hôte[:port] sans / final / expected http(s)://host[:port] without trailing slash",
    ),
  SMTP_URL: z
    .string()
    .refine(
      (v) => v === "" || /^smtps?:\/\//.test(v),
      "SMTP_URL : attendu vide ou smtp://… / expected empty or smtp://…",
    ),
  MAIL_FROM: z.string().min(3, "MAIL_FROM : expéditeur vide / empty sender"),
  SEED_DEMO: z.enum(["auto", "on", "off", "true", "false", "1", "0"], {
    error: "SEED_DEMO : attendu auto, on ou off / expected auto, on or off",
  }),
  PAGE_CACHE: onOff("PAGE_CACHE"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
    error: "LOG_LEVEL : attendu fatal, error, warn, info, debug, trace ou silent / expected a pino level",
  }),
  TRUST_PROXY: onOff("TRUST_PROXY"),
  LIMITS_SECRET: z.union([z.literal(""), z.string().min(32, "LIMITS_SECRET : au moins 32 caractères / at least 32 characters")]),
  FILES: z.enum(["local", "s3"], { error: "FILES : attendu local ou s3 / expected local or s3" }),
  S3_ENDPOINT: z.string().refine((v) => v === "" || /^https?:\/\/[^/\s]+/.test(v), "S3_ENDPOINT : attendu http(s)://hôte[:port] / expected http(s)://host[:port]"),
  S3_BUCKET: z.string().refine((v) => v === "" || /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(v), "S3_BUCKET : nom de bucket invalide (3 à 63 caractères a-z, 0-9, . et -) / invalid bucket name"),
  S3_ACCESS_KEY_ID: z.string(),
  S3_SECRET_ACCESS_KEY: z.string(),
  S3_REGION: z.string().min(1, "S3_REGION : région vide / empty region"),
  S3_FORCE_PATH_STYLE: onOff("S3_FORCE_PATH_STYLE"),
  FILES_ENCRYPTION_KEY: z
    .string()
    .refine((v) => v === "" || parseEncryptionKey(v) !== null, "FILES_ENCRYPTION_KEY : attendu 64 chiffres hexadécimaux (openssl rand -hex 32) / expected 64 hex digits"),
  JOB_LEASE_SECONDS: z.coerce
    .number({ error: "JOB_LEASE_SECONDS : attendu un nombre de secondes / expected a number of seconds" })
    .int("JOB_LEASE_SECONDS : attendu un entier / expected an integer")
    .min(2, "JOB_LEASE_SECONDS : au moins 2 secondes / at least 2 seconds")
    .max(86_400, "JOB_LEASE_SECONDS : au plus 86400 secondes / at most 86400 seconds"),
  BACKUP_RETENTION_DAYS: z.coerce
    .number({ error: "BACKUP_RETENTION_DAYS : attendu un nombre de jours / expected a number of days" })
    .int("BACKUP_RETENTION_DAYS : attendu un entier / expected an integer")
    .min(1, "BACKUP_RETENTION_DAYS : au moins 1 jour / at least 1 day")
    .max(3650, "BACKUP_RETENTION_DAYS : au plus 3650 jours / at most 3650 days"),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  baseUrl: string;
  smtpUrl: string | null;
  mailFrom: string;
  seedDemo: "auto" | "on" | "off";
  pageCache: boolean;
  logLevel: string;
  trustProxy: boolean;
  /** Keys the shared rate-limit counters (HMAC of the client address); null: one kept in the database. */
  limitsSecret: string | null;
  /** How long a claimed job stays its claimer's without news before another run takes it again. */
  jobLeaseMs: number;
  /** Promised on the erasure page: older backups must be deleted by the operator. */
  backupRetentionDays: number;
  /** True when cookies must carry the Secure flag (the site is served over HTTPS). */
  secureCookies: boolean;
  files: FilesConfig;
};

/** Where files live; `encryptionKey` (32 bytes) encrypts the private ones at rest, whatever the driver. */
export type FilesConfig = { driver: "local"; encryptionKey: Buffer | null } | { driver: "s3"; s3: S3Settings; encryptionKey: Buffer };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration invalide / invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

const isOn = (v: string) => v === "on" || v === "true" || v === "1";

/** Reads and validates the whole environment at once, listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, string> = {};
  for (const [name, spec] of Object.entries(configVariables)) {
    raw[name] = env[name] ?? spec.default;
  }
  // BASE_URL follows PORT when left at its default, so `PORT=4000 npm start` gives working links.
  if (env.BASE_URL === undefined && env.PORT !== undefined) raw.BASE_URL = `http://localhost:${env.PORT}`;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => i.message));
  }
  const v = parsed.data;
  const files = filesConfig(v);
  if (!files.ok) throw new ConfigError(files.problems);
  const seed = v.SEED_DEMO === "auto" ? "auto" : isOn(v.SEED_DEMO) ? "on" : "off";
  return {
    port: v.PORT,
    host: v.HOST,
    dataDir: path.resolve(v.DATA_DIR),
    databaseUrl: v.DATABASE_URL === "" ? null : v.DATABASE_URL,
    baseUrl: v.BASE_URL,
    smtpUrl: v.SMTP_URL === "" ? null : v.SMTP_URL,
    mailFrom: v.MAIL_FROM,
    seedDemo: seed,
    pageCache: isOn(v.PAGE_CACHE),
    logLevel: v.LOG_LEVEL,
    trustProxy: isOn(v.TRUST_PROXY),
    limitsSecret: v.LIMITS_SECRET === "" ? null : v.LIMITS_SECRET,
    jobLeaseMs: v.JOB_LEASE_SECONDS * 1000,
    backupRetentionDays: v.BACKUP_RETENTION_DAYS,
    secureCookies: v.BASE_URL.startsWith("https://"),
    files: files.config,
  };
}

/** With FILES=s3 the bucket settings and the encryption key are required: the problems are listed together. */
function filesConfig(v: z.infer<typeof schema>): { ok: true; config: FilesConfig } | { ok: false; problems: string[] } {
  const encryptionKey = v.FILES_ENCRYPTION_KEY === "" ? null : parseEncryptionKey(v.FILES_ENCRYPTION_KEY);
  if (v.FILES === "local") return { ok: true, config: { driver: "local", encryptionKey } };
  const required = {
    S3_ENDPOINT: "l'adresse du service S3",
    S3_BUCKET: "le nom du bucket",
    S3_ACCESS_KEY_ID: "l'identifiant de la clé d'accès",
    S3_SECRET_ACCESS_KEY: "la clé d'accès secrète",
    FILES_ENCRYPTION_KEY: "la clé qui chiffre les fichiers privés (openssl rand -hex 32)",
  } as const;
  const problems = Object.entries(required)
    .filter(([name]) => v[name as keyof typeof required] === "")
    .map(([name, what]) => `${name} : obligatoire avec FILES=s3, ${what} / required with FILES=s3`);
  if (problems.length > 0 || !encryptionKey) return { ok: false, problems };
  const s3 = {
    endpoint: v.S3_ENDPOINT,
    bucket: v.S3_BUCKET,
    accessKeyId: v.S3_ACCESS_KEY_ID,
    secretAccessKey: v.S3_SECRET_ACCESS_KEY,
    region: v.S3_REGION,
    forcePathStyle: isOn(v.S3_FORCE_PATH_STYLE),
  };
  return { ok: true, config: { driver: "s3", s3, encryptionKey } };
}

export type { VariableName };
