import { defineConfig } from "prisma/config";

// Read by the Prisma CLI. `prisma generate` needs no database; the datasource is only
// for the official `prisma migrate deploy`, where its engine binary can be downloaded
// (offline we migrate with scripts/migrate.ts instead). Defaults match src/env.ts, and
// env() is not used because it throws when a variable is unset, which would break
// generate on a machine without a .env.
const defaultDatabaseUrl = "postgresql://ticketping:ticketping@127.0.0.1:5432/ticketping";

export default defineConfig({
  schema: "schema.prisma",
  migrations: {
    path: "migrations",
    seed: "tsx scripts/seed.ts",
  },
  datasource: {
    url: process.env.DATABASE_URL || defaultDatabaseUrl,
  },
});
