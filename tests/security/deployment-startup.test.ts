import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startSessionPurge } from "../../server/accounts/session-purge";
import { createRepositories } from "../../server/db/repositories";
import { createRoomStore } from "../../server/db/room-store";
import { hashSessionToken } from "../../server/db/sessions-repository";
import { startTestApp } from "../support/test-app";
import { createTestDatabase, testLogger } from "../support/test-database";

/** A TCP port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("[SEC-15d] a database that cannot be reached stops the start with a clear message", () => {
  it("[SEC-15d] DATABASE_URL at a closed port: exit code 1, the reason in words, no password, no unhandled rejection", async () => {
    const port = await closedPort();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "audio-rooms-dbfail-"));
    try {
      const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
        cwd: process.cwd(),
        env: {
          ...process.env,
          NODE_ENV: "production",
          PORT: "0",
          DATA_DIR: dataDir,
          MEDIA_PORT: "0",
          MEDIA_WORKERS: "1",
          LOG_LEVEL: "info",
          DATABASE_URL: `postgresql://audio:s3cret-pw@127.0.0.1:${port}/audio_rooms`,
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
      const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
      expect(code).not.toBe(0);
      expect(code).not.toBeNull();
      expect(output).toContain(
        `audio-rooms failed to start: the database at postgresql://audio:***@127.0.0.1:${port}/audio_rooms could not be opened`,
      );
      expect(output).toMatch(/ECONNREFUSED/);
      expect(output).toContain("Check DATABASE_URL");
      expect(output).not.toContain("s3cret-pw");
      expect(output).not.toMatch(/unhandled|UnhandledPromiseRejection/i);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("[SEC-15e] every live room comes back after a restart", () => {
  it("[SEC-15e] 1,205 live rooms are all listed for restore, not the first 1,000", async () => {
    const testDb = await createTestDatabase("pglite");
    try {
      const database = await testDb.open();
      const repositories = createRepositories(database.prisma);
      const host = await repositories.users.createWithDisplayName("Host");
      await database.prisma.room.createMany({
        data: Array.from({ length: 1205 }, (_, index) => ({ hostId: host.id, title: `room ${index}` })),
      });
      await database.prisma.room.create({ data: { hostId: host.id, title: "over", status: "ended" } });
      const store = createRoomStore(repositories, (work) =>
        database.prisma.$transaction((tx) => work(createRepositories(tx))),
      );
      const ids = await store.liveRoomIds();
      expect(ids).toHaveLength(1205);
      expect(new Set(ids).size).toBe(1205);
    } finally {
      await testDb.destroy();
    }
  });
});

describe("[SEC-15f] expired sessions are purged on a schedule", () => {
  it("[SEC-15f] an expired session is deleted when the app starts; a live one stays", async () => {
    const testDb = await createTestDatabase("pglite");
    const seed = await testDb.open();
    const user = await createRepositories(seed.prisma).users.createWithDisplayName("Sleeper");
    const expired = randomBytes(32).toString("base64url");
    const live = randomBytes(32).toString("base64url");
    await seed.prisma.session.createMany({
      data: [
        { userId: user.id, tokenHash: hashSessionToken(expired), expiresAt: new Date(Date.now() - 60_000) },
        { userId: user.id, tokenHash: hashSessionToken(live), expiresAt: new Date(Date.now() + 3_600_000) },
      ],
    });
    const t = await startTestApp("pglite", {}, { database: testDb });
    try {
      const db = await testDb.open();
      const deadline = Date.now() + 5000;
      while ((await db.prisma.session.count()) > 1 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const left = await db.prisma.session.findMany({ select: { tokenHash: true } });
      expect(left).toEqual([{ tokenHash: hashSessionToken(live) }]);
    } finally {
      await t.close();
      await testDb.destroy();
    }
  });

  it("[SEC-15f] the sweep repeats every interval and stops when the app closes", async () => {
    let sweeps = 0;
    const purge = startSessionPurge({
      purge: async () => {
        sweeps += 1;
        return 0;
      },
      intervalMs: 40,
      logger: testLogger(),
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    await purge.stop();
    const atStop = sweeps;
    expect(atStop).toBeGreaterThanOrEqual(3); // one at start, then every 40 ms
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(sweeps).toBe(atStop);
  });

  it("[SEC-15f] SESSION_PURGE_INTERVAL_HOURS=0 switches the sweep off", async () => {
    let sweeps = 0;
    const purge = startSessionPurge({
      purge: async () => {
        sweeps += 1;
        return 0;
      },
      intervalMs: 0,
      logger: testLogger(),
    });
    await purge.stop();
    expect(sweeps).toBe(0);
  });
});
