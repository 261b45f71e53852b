import { defineConfig } from "vitest/config";

/**
 * Unit tests run once; API and security tests (server/modules/**, server/security/**) run on SQLite and again on PostgreSQL.
 * `npm test` starts a throwaway PostgreSQL and sets TEST_DATABASE_URL.
 */
const dbTests = ["server/modules/**/*.test.ts", "server/security/**/*.test.ts", "server/**/*.db.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A worker keeps the modules it loaded from one test file to the next: each file builds its own app on
    // its own database, and nothing a test relies on lives in a module's state. Loading the app again for
    // every file was two thirds of the suite's time (import 644 s of a 2,053 s run in CI).
    isolate: false,
    // Registers, in every test file, the hook that closes what the file's test environments opened.
    setupFiles: ["server/platform/testing/after-file.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["shared/**/*.test.ts", "server/*.test.ts", "server/platform/**/*.test.ts", "web/**/*.test.ts"],
          exclude: ["**/*.db.test.ts", "**/node_modules/**"],
        },
      },
      {
        extends: true,
        test: { name: "api-sqlite", include: dbTests, env: { TEST_ENGINE: "sqlite" } },
      },
      {
        extends: true,
        test: { name: "api-postgres", include: dbTests, env: { TEST_ENGINE: "postgres" } },
      },
    ],
  },
});
