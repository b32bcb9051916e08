/**
 * What the write-behind of audience rows costs PostgreSQL (docs/SCALING.md, "PostgreSQL"): the
 * app's own repository (`RoomMembersRepository.applyAudienceChanges`, Prisma over adapter-pg)
 * writes AUDIENCE_N signed-in listeners' arrivals, then their departures, then their return (a
 * rejoin resets an existing row), in batches of 200 as `AudienceWriter` hands them over, on a fresh
 * test database (dropped at the end). Prints ms of wall time per arrival, rejoin and departure: one
 * room's batches run one at a time, so 1 / that is the most arrivals per second one room's writer
 * keeps up with.
 *
 *   npx tsx bench/audience-writes.ts          (PostgreSQL on 127.0.0.1:5432, TEST_POSTGRES_URL)
 */
import { RoomMembersRepository } from "../server/db/room-members-repository";
import { createTestDatabase } from "../tests/support/test-database";
import { runBench } from "./lib/bench-app";
import { fmt } from "./lib/table";

const N = Math.max(200, Math.min(20_000, Number(process.env.AUDIENCE_N ?? 2000)));
const BATCH = 200;

async function main(): Promise<void> {
  const db = await createTestDatabase("postgres");
  try {
    const { prisma } = await db.open();
    const users = Array.from({ length: N + 1 }, (_, i) => ({ id: `u${i}`, displayName: `Listener ${i}` }));
    await prisma.user.createMany({ data: users });
    await prisma.room.create({ data: { id: "r1", title: "audience writes", hostId: "u0" } });
    const repo = new RoomMembersRepository(prisma);
    const timed = async (change: "joined" | "left") => {
      const rows = users.slice(1).map((u) => ({ userId: u.id, change, at: new Date() }));
      const started = performance.now();
      for (let b = 0; b < rows.length; b += BATCH)
        await repo.applyAudienceChanges("r1", rows.slice(b, b + BATCH));
      return (performance.now() - started) / rows.length;
    };
    const arrival = await timed("joined");
    const departure = await timed("left");
    const rejoin = await timed("joined");
    console.log(
      `audience rows, ${N} listeners in batches of ${BATCH}: ${fmt(arrival, 4)} ms per arrival ` +
        `(${fmt(1000 / arrival, 0)} arrivals/s per room), ${fmt(rejoin, 4)} ms per rejoin, ` +
        `${fmt(departure, 4)} ms per departure`,
    );
  } finally {
    await db.destroy();
  }
}

runBench(main, () => Promise.resolve());
