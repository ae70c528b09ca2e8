import { defineConfig } from 'vitest/config';

// The dashboard in a real browser (`npm run test:browser`, which builds the web app first).
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 60_000,
    // Seeding the demo seller's three years of transactions takes a while on a busy machine.
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
