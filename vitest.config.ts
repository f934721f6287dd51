import { defineConfig } from "vitest/config";

// Unit, store and HTTP tests. Store and HTTP suites run once per database (SQLite and a
// throwaway PostgreSQL started by the global setup).
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx", "test/**/*.test.ts", "training/**/*.test.ts"],
    // Run alone afterwards (vitest.serial.config.ts): it needs the machine to itself.
    exclude: ["test/durability.test.ts", "test/newsletter-durability.test.ts", "test/deployment.test.ts", "**/node_modules/**"],
    globalSetup: ["test/support/global-setup.ts"],
    setupFiles: ["test/support/catalogue.ts"],
    pool: "forks",
    // The JSON report lets .ci/run print one closing line for both suites.
    reporters: ["default", ["json", { outputFile: ".tmp/vitest-unit.json" }]],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
