import { defineConfig } from "vitest/config";

// Tests that measure the app under load of their own (SIGKILL during 50 concurrent clients; two
// instances behind nginx, killed under load): run alone, after the parallel suites, so the
// machine's other work cannot starve them.
export default defineConfig({
  test: {
    include: ["test/durability.test.ts", "test/newsletter-durability.test.ts", "test/deployment.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    setupFiles: ["test/support/catalogue.ts"],
    pool: "forks",
    reporters: ["default", ["json", { outputFile: ".tmp/vitest-serial.json" }]],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
