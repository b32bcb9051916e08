import { defineConfig } from "prisma/config";
import { databaseTargetFromEnv } from "./server/db/database-target";
import { createCliAdapterFactory } from "./server/db/driver-adapters";

// The Prisma CLI runs its WebAssembly schema engine through a driver adapter (engine "js"), so no
// native engine is downloaded: everything works offline. The database is the app's own:
// PostgreSQL when DATABASE_URL is a postgres(ql):// URL, otherwise PGlite in $DATA_DIR/pglite
// (default .data/pglite). PGlite allows one process per folder: stop the dev server first.
// The workarounds for the adapters' bugs live in server/db/driver-adapters.ts. New migrations:
// `npx tsx prisma/new-migration.ts <name>` (see that file for why not plain `migrate dev`).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: () => createCliAdapterFactory(databaseTargetFromEnv()),
});
