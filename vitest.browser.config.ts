import { defineConfig } from "vitest/config";

// Browser journeys: Playwright driving Debian's Chromium, with axe-core and an HTML validator.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.e2e.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    setupFiles: ["test/support/catalogue.ts"],
    pool: "forks",
    // The JSON report lets .ci/run print one closing line for both suites.
    reporters: ["default", ["json", { outputFile: ".tmp/vitest-browser.json" }]],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
