import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../../server/db/database";
import { type Repositories, createRepositories } from "../../../server/db/repositories";
import { RoomMembersRepository } from "../../../server/db/room-members-repository";
import { createTestDatabase, type TestDatabase, testDrivers } from "../../support/test-database";

const drivers = await testDrivers();
type Change = { userId: string; change: "joined" | "left"; at: Date };
const t = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/**
 * The batched write (multi-row upserts) must leave exactly the rows the former one-upsert-per-
 * arrival code left: that code is replayed here (upsertRole, then one updateMany) on a twin room.
 */
describe.each(drivers)("audience row batches on %s", (driver) => {
  let testDb: TestDatabase;
  let database: Database;
  let repos: Repositories;

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    database = await testDb.open();
    repos = createRepositories(database.prisma);
  });
  afterAll(async () => {
    await testDb?.destroy();
  });
  beforeEach(async () => {
    await testDb.truncate(database);
  });

  const rowsOf = async (roomId: string) =>
    (await database.prisma.roomMember.findMany({ where: { roomId }, orderBy: { userId: "asc" } })).map(
      ({ roomId: _room, ...row }) => row,
    );

  /** The same starting rows in a room: speakers in the room, speakers who left, listeners in it. */
  async function seed(roomId: string): Promise<void> {
    await database.prisma.room.create({ data: { id: roomId, title: roomId, hostId: "host" } });
    await repos.roomMembers.upsertRole(roomId, "host", "host", t(1));
    const rows = [
      ...ids("stay", 100).map((userId) => ({ userId, role: "speaker" as const, leftAt: null })),
      ...ids("back", 100).map((userId) => ({ userId, role: "speaker" as const, leftAt: t(5) })),
      ...ids("again", 100).map((userId) => ({ userId, role: "listener" as const, leftAt: null })),
      ...ids("bye", 50).map((userId) => ({ userId, role: "moderator" as const, leftAt: null })),
    ];
    await database.prisma.roomMember.createMany({
      data: rows.map((r) => ({ ...r, roomId, joinedAt: t(2), handRaisedAt: t(3), muted: false })),
    });
  }

  /** About 600 changes: rejoins, repeated arrivals, new people, joined-then-left, left-then-joined. */
  function batch(): Change[] {
    let ms = 10_000;
    const c = (userId: string, change: Change["change"]): Change => ({ userId, change, at: t((ms += 7)) });
    return [
      ...ids("back", 100).map((u) => c(u, "joined")),
      ...ids("again", 100).map((u) => c(u, "joined")),
      ...ids("new", 250).map((u) => c(u, "joined")),
      ...ids("new", 50).map((u) => c(u, "left")),
      ...ids("bye", 50).map((u) => c(u, "left")),
      ...ids("twice", 10).flatMap((u) => [c(u, "joined"), c(u, "joined")]),
      ...ids("flip", 10).flatMap((u) => [c(u, "left"), c(u, "joined")]),
    ];
  }

  it("writes ~600 arrivals and departures as the per-arrival upserts did, with roles and leftAt", async () => {
    const everyone = [
      "host",
      ...["stay", "back", "again", "new", "bye", "twice", "flip"].flatMap((p) => ids(p, 250)),
    ];
    await database.prisma.user.createMany({ data: everyone.map((id) => ({ id, displayName: id })) });
    await seed("batched");
    await seed("reference");
    const changes = batch();

    await repos.roomMembers.applyAudienceChanges("batched", changes);
    for (const c of changes.filter((x) => x.change === "joined"))
      await repos.roomMembers.upsertRole("reference", c.userId, "listener", c.at);
    const last = changes.filter((x) => x.change === "left").at(-1)?.at ?? null;
    await database.prisma.roomMember.updateMany({
      where: {
        roomId: "reference",
        userId: { in: changes.filter((x) => x.change === "left").map((x) => x.userId) },
        leftAt: null,
      },
      data: { leftAt: last, handRaisedAt: null },
    });

    const rows = await rowsOf("batched");
    expect(rows).toEqual(await rowsOf("reference"));
    const row = (userId: string) => rows.find((r) => r.userId === userId);
    expect(rows).toHaveLength(1 + 100 + 100 + 100 + 250 + 50 + 10 + 10);
    // Untouched: the host and speakers who stayed keep role, joinedAt, hand and mic.
    expect(row("host")).toMatchObject({ role: "host", leftAt: null, joinedAt: t(1) });
    expect(row("stay7")).toMatchObject({ role: "speaker", leftAt: null, handRaisedAt: t(3), muted: false });
    // A rejoin is a fresh listener row; an arrival of someone still in keeps joinedAt, hand and mic.
    expect(row("back0")).toMatchObject({
      role: "listener",
      leftAt: null,
      joinedAt: changes[0]?.at,
      handRaisedAt: null,
      muted: true,
    });
    expect(row("again3")).toMatchObject({
      role: "listener",
      leftAt: null,
      joinedAt: t(2),
      handRaisedAt: t(3),
      muted: false,
    });
    // Departures share the batch's latest time, keep their role and lower their hand.
    expect(row("bye9")).toMatchObject({ role: "moderator", leftAt: last, handRaisedAt: null });
    expect(row("new10")).toMatchObject({ role: "listener", leftAt: last, muted: true });
    expect(row("new200")).toMatchObject({ role: "listener", leftAt: null, joinedAt: changes[400]?.at });
    // Arrivals go before departures, whatever their order in the batch; a second arrival keeps the first's time.
    expect(row("flip2")).toMatchObject({ leftAt: last });
    expect(row("twice4")?.joinedAt).toEqual(changes.find((x) => x.userId === "twice4")?.at);
  });

  it("is idempotent: the same batch written again changes nothing", async () => {
    await database.prisma.user.createMany({
      data: ["host", ...ids("new", 400)].map((id) => ({ id, displayName: id })),
    });
    await database.prisma.room.create({ data: { id: "r", title: "r", hostId: "host" } });
    const changes: Change[] = [
      ...ids("new", 400).map((userId, i) => ({ userId, change: "joined" as const, at: t(i) })),
      ...ids("new", 100).map((userId) => ({ userId, change: "left" as const, at: t(1000) })),
    ];
    await repos.roomMembers.applyAudienceChanges("r", changes);
    const first = await rowsOf("r");
    await repos.roomMembers.applyAudienceChanges("r", changes);
    expect(await rowsOf("r")).toEqual(first);
    expect((await repos.roomMembers.listActive("r")).map((m) => m.userId)).toEqual(
      ids("new", 400).slice(100),
    );
  });

  it("writes a batch in a constant number of statements, not one round trip per arrival", async () => {
    await database.prisma.user.createMany({
      data: ["host", ...ids("new", 600)].map((id) => ({ id, displayName: id })),
    });
    await database.prisma.room.create({ data: { id: "r", title: "r", hostId: "host" } });
    const statements: string[] = [];
    // Counts what the repository sends: raw statements and model queries (roomMember.*).
    const counted = new Proxy(database.prisma, {
      get(target, prop, receiver) {
        if (prop === "$executeRaw") statements.push("$executeRaw");
        if (prop !== "roomMember") return Reflect.get(target, prop, receiver) as unknown;
        return new Proxy(target.roomMember, {
          get(model, op, r) {
            statements.push(`roomMember.${String(op)}`);
            return Reflect.get(model, op, r) as unknown;
          },
        });
      },
    });
    const changes: Change[] = [
      ...ids("new", 600).map((userId, i) => ({ userId, change: "joined" as const, at: t(i) })),
      ...ids("new", 200).map((userId) => ({ userId, change: "left" as const, at: t(1000) })),
    ];
    await new RoomMembersRepository(counted).applyAudienceChanges("r", changes);
    // 600 arrivals = two multi-row upserts of 300; 200 departures = one updateMany.
    expect(statements).toEqual(["$executeRaw", "$executeRaw", "roomMember.updateMany"]);
    expect(await database.prisma.roomMember.count({ where: { roomId: "r", leftAt: null } })).toBe(400);
  });
});
