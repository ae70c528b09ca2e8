import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The dashboard's browser tests need a web build and Chromium: `npm run test:browser`.
    exclude: [...configDefaults.exclude, 'test/browser/**'],
    testTimeout: 30_000,
    // Building an app loads the content and migrates a fresh database: slow on a busy two-core machine.
    hookTimeout: 60_000,
  },
});
