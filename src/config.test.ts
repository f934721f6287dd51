import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError, configVariables, loadConfig } from "./config.js";

describe("configuration", () => {
  it("starts with SQLite under ./data on port 3000 when nothing is set", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeNull();
    expect(config.dataDir.endsWith("/data")).toBe(true);
    expect(config.baseUrl).toBe("http://localhost:3000");
    expect(config.seedDemo).toBe("auto");
    expect(config.secureCookies).toBe(false);
  });

  it("lists every problem at once, in French and English", () => {
    try {
      loadConfig({ PORT: "quatre", DATABASE_URL: "mysql://x", BASE_URL: "ftp://x/", PAGE_CACHE: "peut-être" });
      expect.unreachable("the configuration should be refused");
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems.length).toBe(4);
      expect(problems.join("\n")).toContain("PORT : attendu un nombre");
      expect(problems.join("\n")).toContain("expected empty or postgres://");
      expect((error as Error).message).toContain("Configuration invalide / invalid configuration");
    }
  });

  it("switches to PostgreSQL with a postgres:// address and to Secure cookies with https", () => {
    const config = loadConfig({ DATABASE_URL: "postgres://u@h/db", BASE_URL: "https://entrepairs.example" });
    expect(config.databaseUrl).toBe("postgres://u@h/db");
    expect(config.secureCookies).toBe(true);
  });

  it("keeps files on the local disk by default, and asks for every S3 setting and the encryption key with FILES=s3", () => {
    expect(loadConfig({}).files).toEqual({ driver: "local", encryptionKey: null });
    const missing = (() => {
      try {
        loadConfig({ FILES: "s3", S3_BUCKET: "entrepairs" });
      } catch (err) {
        return (err as ConfigError).problems;
      }
      return [];
    })();
    expect(missing).toEqual([
      "S3_ENDPOINT : obligatoire avec FILES=s3, l'adresse du service S3 / required with FILES=s3",
      "S3_ACCESS_KEY_ID : obligatoire avec FILES=s3, l'identifiant de la clé d'accès / required with FILES=s3",
      "S3_SECRET_ACCESS_KEY : obligatoire avec FILES=s3, la clé d'accès secrète / required with FILES=s3",
      "FILES_ENCRYPTION_KEY : obligatoire avec FILES=s3, la clé qui chiffre les fichiers privés (openssl rand -hex 32) / required with FILES=s3",
    ]);
    expect(() => loadConfig({ FILES: "cloud" })).toThrow("FILES : attendu local ou s3");
    expect(() => loadConfig({ FILES_ENCRYPTION_KEY: "trop-courte" })).toThrow("FILES_ENCRYPTION_KEY : attendu 64 chiffres hexadécimaux");
    expect(() => loadConfig({ S3_BUCKET: "Mon_Bucket" })).toThrow("S3_BUCKET : nom de bucket invalide");
    const key = "ab".repeat(32);
    const config = loadConfig({ FILES: "s3", S3_ENDPOINT: "https://s3.example.org", S3_BUCKET: "entrepairs", S3_ACCESS_KEY_ID: "id", S3_SECRET_ACCESS_KEY: "secret", S3_FORCE_PATH_STYLE: "on", FILES_ENCRYPTION_KEY: key });
    expect(config.files).toEqual({
      driver: "s3",
      s3: { endpoint: "https://s3.example.org", bucket: "entrepairs", accessKeyId: "id", secretAccessKey: "secret", region: "us-east-1", forcePathStyle: true },
      encryptionKey: Buffer.from(key, "hex"),
    });
  });

  it("documents every variable in the README's configuration table, and nothing else", () => {
    const readme = fs.readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const documented = [...readme.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(configVariables).sort());
  });
});
