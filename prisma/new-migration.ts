import { spawn } from "node:child_process";
import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { pino } from "pino";
import { openDatabase } from "../server/db/database";
import { DEFAULT_DATA_DIR } from "../server/db/database-target";

// Creates the next migration from the changes in schema.prisma, without applying it:
//
//   npx tsx prisma/new-migration.ts <name>        (e.g. add_room_topics)
//
// It runs `prisma migrate dev --create-only`, and exists because of two quirks of Prisma 6.19's
// offline (engine "js") CLI: it writes the migration and then fails with "null pointer passed to
// rust" (it frees its WebAssembly engine twice), and with no schema change it writes an empty
// migration. Here the outcome is judged by the folder written instead. A third quirk: when the
// database has pending migrations, `migrate dev` applies them and then fails ("PostgreSQL shadow
// DB must be provided through an external factory"); so pending migrations are applied first, by
// the app's own migrator. The server applies new migrations when it starts. With PGlite, stop the
// dev server first (one process per data folder).

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "migrations");
const PRISMA_CLI = path.resolve(import.meta.dirname, "../node_modules/prisma/build/index.js");

async function migrationFolders(): Promise<Set<string>> {
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true }).catch(() => []);
  return new Set(entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name));
}

async function main(): Promise<number> {
  const name = process.argv[2] ?? "";
  if (!/^[a-z0-9_]+$/.test(name)) {
    process.stderr.write("usage: npx tsx prisma/new-migration.ts <name_in_snake_case>\n");
    return 2;
  }
  const database = await openDatabase({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: process.env.DATA_DIR?.trim() || DEFAULT_DATA_DIR,
    logger: pino({ level: "info" }),
  });
  await database.close();
  const before = await migrationFolders();
  const code = await new Promise<number>((resolve) => {
    const child = spawn(
      process.execPath,
      [PRISMA_CLI, "migrate", "dev", "--create-only", "--skip-generate", "--name", name],
      { stdio: "inherit" },
    );
    child.once("exit", (exitCode) => resolve(exitCode ?? 1));
  });
  const created = [...(await migrationFolders())].filter((folder) => !before.has(folder));
  if (created.length !== 1) {
    process.stderr.write(`\nNo migration was created (prisma exited with ${code}).\n`);
    return code === 0 ? 1 : code;
  }
  const folder = path.join(MIGRATIONS_DIR, created[0] ?? "");
  const sql = await readFile(path.join(folder, "migration.sql"), "utf8");
  if (sql.trim() === "-- This is an empty migration.") {
    await rm(folder, { recursive: true });
    process.stdout.write("\nschema.prisma has no changes to migrate; nothing created.\n");
    return 0;
  }
  process.stdout.write(
    `\nCreated ${path.relative(process.cwd(), path.join(folder, "migration.sql"))}` +
      " (review it; the server applies it on its next start).\n" +
      (code === 0 ? "" : "The error above is a known, harmless Prisma 6.19 CLI bug.\n"),
  );
  return 0;
}

// Exit explicitly: the CLI's engine leaves timers that would keep this process alive otherwise.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
