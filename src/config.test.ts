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

  it("documents every variable in the README's configuration table, and nothing else", () => {
    const readme = fs.readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const documented = [...readme.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(configVariables).sort());
  });
});
