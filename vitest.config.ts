import { defineConfig } from 'vitest/config';

// One runner for unit, server and integration suites; Playwright owns test/e2e.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    coverage: {
      provider: 'v8',
      include: ['shared/**/*.ts', 'electron/**/*.ts', 'server/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
    },
  },
});
