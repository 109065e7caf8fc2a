import { defineConfig } from 'vitest/config';

// One runner for unit, server and integration suites; Playwright owns test/e2e.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    // One migrated PGlite image and one PostgreSQL cluster for the whole run (see the file).
    globalSetup: ['test/support/vitest-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one fewer than the cores: one file at a time on our two-core CI.
    // Most suites wait on loopback servers, child processes and disk, so two files at once
    // halve the wall time; the heavy ones carry their own timeouts.
    maxWorkers: 2,
    coverage: {
      provider: 'v8',
      include: ['shared/**/*.ts', 'electron/**/*.ts', 'server/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
    },
  },
});
