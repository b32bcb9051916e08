import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "../../../server/db/get-database";
import { acquirePglite, releasePglite } from "../../../server/db/pglite-instances";
import { createTestDatabase } from "../../support/test-database";

describe("one PGlite instance per data folder", () => {
  // One folder for all three tests: PGlite's initdb costs seconds, a reopen well under one.
  let root: string;
  let folder: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "audio-rooms-lifecycle-"));
    folder = path.join(root, "not-yet-created", "pglite");
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("shares the instance between users, holds a lock file, and closes after the last release", async () => {
    const [a, b] = await Promise.all([acquirePglite(folder), acquirePglite(folder)]);
    expect(a).toBe(b);
    expect(existsSync(`${folder}.lock`)).toBe(true);
    await releasePglite(folder);
    expect(a.closed).toBe(false);
    await releasePglite(folder);
    expect(a.closed).toBe(true);
    expect(existsSync(`${folder}.lock`)).toBe(false);
  });

  it("refuses a folder another live process holds", async () => {
    writeFileSync(`${folder}.lock`, String(process.ppid));
    await expect(acquirePglite(folder)).rejects.toThrow(`in use by process ${process.ppid}`);
  });

  it("takes over a lock left by a process that died", async () => {
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    writeFileSync(`${folder}.lock`, String(dead));
    const pglite = await acquirePglite(folder);
    expect((await pglite.query<{ one: number }>("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    await releasePglite(folder);
  });
});

describe("getDatabase", () => {
  it("throws a clear error until the server opens the database, then returns it", async () => {
    expect(() => getDatabase()).toThrow(/not open in this process/);
    const testDb = await createTestDatabase("pglite");
    try {
      const database = await testDb.open();
      expect(getDatabase()).toBe(database);
      expect(getDatabase().driver).toBe("pglite");
      await database.close();
      await database.close();
      expect(() => getDatabase()).toThrow(/not open in this process/);
    } finally {
      await testDb.destroy();
    }
  });
});
