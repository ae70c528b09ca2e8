import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    // Building an app loads the content and migrates a fresh database: slow on a busy two-core machine.
    hookTimeout: 60_000,
  },
});
