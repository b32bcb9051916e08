import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";

// PGlite keeps a whole PostgreSQL in this process, writing straight into its data folder. Two
// PGlite instances on one folder corrupt it (`RuntimeError: Aborted()` on the next open), and the
// Prisma CLI calls the config's adapter() twice per command, the custom server and Next's compiled
// server code are separate module graphs in one process, and tests reopen folders. So: one shared,
// reference-counted instance per folder per process, kept on globalThis (not in module state, which
// exists once per module graph), plus a lock file against a second process (e.g. `prisma migrate`
// while the dev server runs).

interface Entry {
  refs: number;
  readonly ready: Promise<PGlite>;
}

interface Registry {
  readonly open: Map<string, Entry>;
  /** Folders whose instance is still shutting down; a new open must wait for it. */
  readonly closing: Map<string, Promise<void>>;
  /** Lock files this process holds, removed on exit even if nobody called close(). */
  readonly locks: Set<string>;
  /** Tail of each instance's queue of exclusive work (see {@link runSerially}). */
  readonly queues: WeakMap<PGlite, Promise<unknown>>;
}

declare global {
  var __audioRoomsPglite: Registry | undefined;
}

function registry(): Registry {
  if (globalThis.__audioRoomsPglite === undefined) {
    const created: Registry = {
      open: new Map(),
      closing: new Map(),
      locks: new Set(),
      queues: new WeakMap(),
    };
    globalThis.__audioRoomsPglite = created;
    process.once("exit", () => {
      for (const lock of created.locks) rmSync(lock, { force: true });
    });
  }
  return globalThis.__audioRoomsPglite;
}

/**
 * Returns this process's PGlite instance for `dataDir`, starting it (and creating missing parent
 * folders, which PGlite does not do) on first use. Every call must be paired with
 * {@link releasePglite}; the instance closes when the last user releases it.
 *
 * @throws Error when another live process holds the folder's lock file.
 */
export async function acquirePglite(dataDir: string): Promise<PGlite> {
  const key = path.resolve(dataDir);
  const reg = registry();
  const existing = reg.open.get(key);
  if (existing !== undefined) {
    existing.refs += 1;
    return existing.ready;
  }
  const entry: Entry = { refs: 1, ready: start(key, reg) };
  reg.open.set(key, entry);
  try {
    return await entry.ready;
  } catch (error) {
    if (reg.open.get(key) === entry) reg.open.delete(key);
    throw error;
  }
}

/** Drops one reference taken by {@link acquirePglite}; closes PGlite after the last one. */
export async function releasePglite(dataDir: string): Promise<void> {
  const key = path.resolve(dataDir);
  const reg = registry();
  const entry = reg.open.get(key);
  if (entry === undefined) return;
  entry.refs -= 1;
  if (entry.refs > 0) return;
  reg.open.delete(key);
  const closing = entry.ready
    .then((pglite) => pglite.close())
    .finally(() => {
      releaseFolderLock(key, reg);
      reg.closing.delete(key);
    });
  // A reopen waits for this close but must not fail because of it.
  reg.closing.set(
    key,
    closing.catch(() => undefined),
  );
  await closing;
}

/**
 * Runs `work` after every earlier `runSerially` work on the same instance has finished. PGlite is
 * one session, so its session-level locks (pg_advisory_lock) do not keep two openers of one folder
 * in this process apart; this queue does.
 */
export function runSerially<T>(pglite: PGlite, work: () => Promise<T>): Promise<T> {
  const queues = registry().queues;
  const previous = queues.get(pglite) ?? Promise.resolve();
  const result = previous.then(work, work);
  queues.set(
    pglite,
    result.catch(() => undefined),
  );
  return result;
}

async function start(key: string, reg: Registry): Promise<PGlite> {
  await reg.closing.get(key);
  await mkdir(path.dirname(key), { recursive: true });
  acquireFolderLock(key, reg);
  try {
    return await PGlite.create(key);
  } catch (error) {
    releaseFolderLock(key, reg);
    throw error;
  }
}

function lockPathFor(key: string): string {
  // Beside the folder rather than inside it, so PGlite's own files are left alone.
  return `${key}.lock`;
}

function acquireFolderLock(key: string, reg: Registry): void {
  const lockPath = lockPathFor(key);
  mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      reg.locks.add(lockPath);
      return;
    } catch (error) {
      if (!isErrnoException(error) || error.code !== "EEXIST") throw error;
    }
    const holder = readLockHolder(lockPath);
    if (holder !== undefined && holder !== process.pid && isProcessAlive(holder)) {
      throw new Error(
        `The PGlite database ${key} is in use by process ${holder}. PGlite allows one process per ` +
          "data folder: stop that process first (e.g. the dev server before running prisma " +
          `migrate), or delete ${lockPath} if that process is not using it.`,
      );
    }
    // Left behind by a process that died (or by this one): take it over.
    rmSync(lockPath, { force: true });
  }
  throw new Error(`Could not take the lock ${lockPath}`);
}

function releaseFolderLock(key: string, reg: Registry): void {
  const lockPath = lockPathFor(key);
  if (reg.locks.delete(lockPath)) rmSync(lockPath, { force: true });
}

function readLockHolder(lockPath: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, "utf8").trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else, which still means "alive".
    return isErrnoException(error) && error.code === "EPERM";
  }
}

function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && "code" in error;
}
