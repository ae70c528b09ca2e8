import { defineConfig } from 'drizzle-kit';

// `npx drizzle-kit generate` writes a new migration into migrations/ after a
// change to src/store/schema.ts. Migrations are frozen once committed.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/schema.ts',
  out: './migrations',
});
