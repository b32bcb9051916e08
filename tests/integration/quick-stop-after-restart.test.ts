import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRoom, signIn, startTestApp } from "../support/test-app";
import { createTestDatabase, testDrivers } from "../support/test-database";

const drivers = await testDrivers();

/**
 * [STOP-1] A server stopped right after it started (a crash loop, a deploy rolled back at once) is
 * still restoring its live rooms in the background. Its stop waits for that work: no query may run
 * on a closed database pool (that was an unhandled rejection, seen on CI as "Cannot use a pool after
 * calling end on the pool").
 */
describe.each(drivers)("[STOP-1] stopping while live rooms are being restored (%s)", (driver) => {
  const rejections: unknown[] = [];
  const record = (reason: unknown) => rejections.push(reason);
  beforeEach(() => {
    rejections.length = 0;
    process.on("unhandledRejection", record);
  });
  afterEach(() => {
    process.off("unhandledRejection", record);
  });

  it("close() waits for the restore; nothing touches the database afterwards", async () => {
    const database = await createTestDatabase(driver);
    try {
      const first = await startTestApp(driver, {}, { database });
      const url = first.app.url.replace("localhost", "127.0.0.1");
      const host = await signIn(url, "Restarting Host");
      for (let index = 0; index < 5; index += 1) await createRoom(url, host.cookie, `Live room ${index}`);
      await first.close();

      for (let attempt = 0; attempt < 3; attempt += 1) {
        const again = await startTestApp(driver, {}, { database });
        await again.close();
        // The restore has finished (or never started) by now: the registry holds what it restored
        // and the database is closed, so a late query would surface as a rejection below.
        expect(await again.app.registry.running()).toHaveLength(0);
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(rejections).toEqual([]);
    } finally {
      await database.destroy();
    }
  });
});
