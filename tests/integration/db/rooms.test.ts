import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../../server/db/database";
import type { UserRecord } from "../../../server/db/records";
import { type Repositories, createRepositories } from "../../../server/db/repositories";
import { createTestDatabase, type TestDatabase, testDrivers } from "../../support/test-database";

const drivers = await testDrivers();

describe.each(drivers)("rooms and members on %s", (driver) => {
  let testDb: TestDatabase;
  let database: Database;
  let repos: Repositories;
  let host: UserRecord;

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
    host = await repos.users.createWithDisplayName("Host");
  });

  it("creates a live open room with the host's name, and finds it by id", async () => {
    const room = await repos.rooms.create({ hostId: host.id, title: "Morning chat" });
    expect(room).toEqual({
      id: expect.any(String),
      title: "Morning chat",
      description: "",
      type: "open",
      status: "live",
      hostId: host.id,
      hostName: "Host",
      createdAt: expect.any(Date),
      endedAt: null,
      topics: [],
      language: "en",
      scheduledFor: null,
      startedAt: room.createdAt,
      endReason: null,
      endNote: null,
      shareKey: null,
      audioFrameMs: 20,
      handRaisingEnabled: true,
      musicMode: false,
      coHostIds: [],
    });
    expect(await repos.rooms.findById(room.id)).toEqual(room);
    expect(await repos.rooms.findById("missing")).toBeNull();
  });

  it("lists live rooms newest first and leaves ended rooms out", async () => {
    const t = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
    const older = await repos.rooms.create({ hostId: host.id, title: "older", now: t(1) });
    const ended = await repos.rooms.create({ hostId: host.id, title: "ended", now: t(2) });
    const newer = await repos.rooms.create({ hostId: host.id, title: "newer", type: "closed", now: t(3) });
    expect(await repos.rooms.markEnded(ended.id, t(4))).toBe(true);

    const live = await repos.rooms.listLive();
    expect(live.map((room) => room.title)).toEqual(["newer", "older"]);
    expect(live[0]?.type).toBe("closed");
    expect(live.map((room) => room.id)).not.toContain(ended.id);
    expect(live.map((room) => room.id)).toEqual([newer.id, older.id]);
    expect(await repos.rooms.listLive({ limit: 1 })).toHaveLength(1);
  });

  it("ends a room once: a second end keeps the first end time", async () => {
    const room = await repos.rooms.create({ hostId: host.id, title: "r" });
    const firstEnd = new Date("2026-02-01T10:00:00Z");
    expect(await repos.rooms.markEnded(room.id, firstEnd)).toBe(true);
    expect(await repos.rooms.markEnded(room.id, new Date("2026-02-01T11:00:00Z"))).toBe(false);
    expect(await repos.rooms.markEnded("missing")).toBe(false);
    const stored = await repos.rooms.findById(room.id);
    expect(stored?.status).toBe("ended");
    expect(stored?.endedAt?.toISOString()).toBe(firstEnd.toISOString());
  });

  it("tracks members: join, role change, leave and rejoin", async () => {
    const room = await repos.rooms.create({ hostId: host.id, title: "r" });
    const guest = await repos.users.createWithDisplayName("Guest");
    const t = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second));

    await repos.roomMembers.upsertRole(room.id, host.id, "host", t(1));
    const joined = await repos.roomMembers.upsertRole(room.id, guest.id, "listener", t(2));
    expect(joined).toEqual({
      roomId: room.id,
      userId: guest.id,
      displayName: "Guest",
      avatarFile: null,
      realNameVerified: false,
      role: "listener",
      joinedAt: t(2),
      leftAt: null,
      handRaisedAt: null,
      muted: true,
    });

    const promoted = await repos.roomMembers.upsertRole(room.id, guest.id, "speaker", t(3));
    expect(promoted.role).toBe("speaker");
    expect(promoted.joinedAt).toEqual(t(2));
    expect((await repos.roomMembers.listActive(room.id)).map((m) => [m.displayName, m.role])).toEqual([
      ["Host", "host"],
      ["Guest", "speaker"],
    ]);

    await repos.roomMembers.markLeft(room.id, guest.id, t(4));
    await repos.roomMembers.markLeft(room.id, guest.id, t(5));
    expect((await repos.roomMembers.listActive(room.id)).map((m) => m.userId)).toEqual([host.id]);
    const row = await database.prisma.roomMember.findUnique({
      where: { roomId_userId: { roomId: room.id, userId: guest.id } },
    });
    expect(row?.leftAt).toEqual(t(4));

    const back = await repos.roomMembers.upsertRole(room.id, guest.id, "listener", t(6));
    expect(back).toMatchObject({ role: "listener", leftAt: null, joinedAt: t(6) });
    expect(await database.prisma.roomMember.count()).toBe(2);
  });

  it("keeps rooms of a host from being deleted by accident (restrict)", async () => {
    await repos.rooms.create({ hostId: host.id, title: "r" });
    await expect(database.prisma.user.delete({ where: { id: host.id } })).rejects.toMatchObject({
      code: "P2003",
    });
  });
});
