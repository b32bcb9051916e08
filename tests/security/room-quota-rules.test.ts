import { describe, expect, it } from "vitest";
import { decideRoomQuota, type HostedRoomCounts } from "../../server/domain/room-quota";
import { fairUpcoming } from "../../server/domain/upcoming-fairness";
import { RoomQuotas } from "../../server/rooms/room-quotas";
import { room, setup } from "../unit/schedule-fixtures";

const LIMITS = { livePerUser: 2, scheduledPerUser: 20 };
const counts = (live: number, scheduled: number): HostedRoomCounts => ({ live, scheduled });
const HOUR = 3_600_000;

describe("[SEC-7] room quotas: the rules", () => {
  it.each([
    ["start-now", counts(1, 20), 0, { ok: true }],
    ["start-now", counts(2, 0), 0, { ok: false, code: "quota_exceeded" }],
    ["schedule", counts(2, 19), 0, { ok: true }],
    ["schedule", counts(0, 20), 0, { ok: false, code: "quota_exceeded" }],
    ["start-scheduled", counts(2, 1), 0, { ok: false, code: "quota_exceeded" }],
    ["start-scheduled", counts(1, 20), 5 * 60_000, { ok: true }],
    ["start-now", counts(0, 0), 5 * 60_000, { ok: false, code: "rate_limited" }],
    ["schedule", counts(0, 0), 1, { ok: false, code: "rate_limited" }],
  ] as const)("[SEC-7] %s with %o and a creation wait of %i ms → %o", (action, held, wait, expected) => {
    expect(
      decideRoomQuota({ action, counts: held, limits: LIMITS, creationRetryAfterMs: wait }),
    ).toMatchObject(expected);
  });

  it("[SEC-7] every refusal says what to do, in words with the numbers", () => {
    const live = decideRoomQuota({
      action: "start-now",
      counts: counts(2, 0),
      limits: LIMITS,
      creationRetryAfterMs: 0,
    });
    expect(!live.ok && live.message).toBe(
      "You already have 2 live rooms, the most one person can host at once. End one to start another.",
    );
    const scheduled = decideRoomQuota({
      action: "schedule",
      counts: counts(0, 20),
      limits: LIMITS,
      creationRetryAfterMs: 0,
    });
    expect(!scheduled.ok && scheduled.message).toContain("20 scheduled rooms");
    expect(!scheduled.ok && scheduled.message).toContain("Cancel one");
    const byCoHost = decideRoomQuota({
      action: "start-scheduled",
      counts: counts(2, 0),
      limits: LIMITS,
      creationRetryAfterMs: 0,
      actorIsHost: false,
    });
    expect(!byCoHost.ok && byCoHost.message).toMatch(/^The host already has 2 live rooms/);
    const rate = decideRoomQuota({
      action: "schedule",
      counts: counts(0, 0),
      limits: LIMITS,
      creationRetryAfterMs: 17 * 60_000 + 1,
    });
    expect(!rate.ok && rate.message).toContain("Try again in 18 min.");
  });
});

describe("[SEC-7] RoomQuotas: one check at a time per host", () => {
  /** A store that counts what the guarded work made, slowly, as a database would. */
  function quotasOver(limits = { creationsPerHour: 100, livePerUser: 2, scheduledPerUser: 20 }) {
    const live = new Map<string, number>();
    let clock = 0;
    const quotas = new RoomQuotas({
      store: {
        async hostedRoomCounts(hostId) {
          await new Promise((resolve) => setTimeout(resolve, 5));
          return { live: live.get(hostId) ?? 0, scheduled: 0 };
        },
      },
      limits,
      now: () => clock,
    });
    const startRoom = (hostId: string) =>
      quotas.guard({ hostId, action: "start-now" }, async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        live.set(hostId, (live.get(hostId) ?? 0) + 1);
        return hostId;
      });
    return { quotas, live, startRoom, advance: (ms: number) => void (clock += ms) };
  }

  it("[SEC-7] ten parallel starts by one host make exactly the 2 allowed; another host is not held up", async () => {
    const { live, startRoom } = quotasOver();
    const answers = await Promise.all([
      ...Array.from({ length: 10 }, () => startRoom("spammer")),
      startRoom("someone"),
    ]);
    expect(answers.filter((answer) => answer.ok)).toHaveLength(3);
    expect(answers.filter((answer) => !answer.ok && answer.code === "quota_exceeded")).toHaveLength(8);
    expect(live.get("spammer")).toBe(2);
    expect(live.get("someone")).toBe(1);
  });

  it("[SEC-7] the hourly creation limit: refusals use up nothing, an hour later it is open again", async () => {
    const { live, startRoom, advance } = quotasOver({
      creationsPerHour: 3,
      livePerUser: 100,
      scheduledPerUser: 20,
    });
    for (let i = 0; i < 3; i++) expect((await startRoom("host")).ok).toBe(true);
    const refused = await startRoom("host");
    expect(refused).toMatchObject({ ok: false, code: "rate_limited" });
    expect(live.get("host")).toBe(3);
    advance(HOUR - 1);
    expect(await startRoom("host")).toMatchObject({ ok: false, code: "rate_limited" });
    advance(1);
    expect((await startRoom("host")).ok).toBe(true);
    expect(live.get("host")).toBe(4);
  });

  it("[SEC-7] a guarded work that throws uses up no creation", async () => {
    const { quotas } = quotasOver({ creationsPerHour: 1, livePerUser: 100, scheduledPerUser: 20 });
    await expect(
      quotas.guard({ hostId: "host", action: "schedule" }, () => Promise.reject(new Error("db down"))),
    ).rejects.toThrow("db down");
    expect(await quotas.guard({ hostId: "host", action: "schedule" }, async () => "made")).toEqual({
      ok: true,
      value: "made",
    });
  });
});

describe("[SEC-7] ScheduleService.start goes through the host's live-room quota", () => {
  it("[SEC-7] refused: nothing starts, the room stays scheduled, nobody is notified", async () => {
    const asked: unknown[] = [];
    const { service, store, sent, started } = setup([room("r1", 1)], {
      interests: [["r1", "fan"]],
      quotas: {
        guard: async (request) => {
          asked.push(request);
          return { ok: false, code: "quota_exceeded", message: "The host already has 2 live rooms." };
        },
      },
    });
    expect(await service.start("cohost", "r1")).toEqual({
      ok: false,
      error: { code: "quota_exceeded", message: "The host already has 2 live rooms." },
    });
    expect(asked).toEqual([{ hostId: "host", action: "start-scheduled", actorIsHost: false }]);
    expect(store.rooms.get("r1")?.status).toBe("scheduled");
    expect(started).toEqual([]);
    expect(sent).toEqual([]);
  });
});

describe("[SEC-7] Upcoming fairness: the ranking rule", () => {
  const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 12, minutes));
  const r = (id: string, hostId: string, minutes: number) => ({ id, hostId, scheduledFor: at(minutes) });

  it("[SEC-7] at most K per host (their soonest), the list in time order, then the limit", () => {
    const rooms = [
      ...Array.from({ length: 40 }, (_, i) => r(`spam${String(i).padStart(2, "0")}`, "spammer", i)),
      r("ana1", "ana", 100),
      r("ben1", "ben", 50),
      r("ana2", "ana", 30),
    ];
    const chosen = fairUpcoming(rooms, { perHost: 3, limit: 50, viewerId: "someone" });
    expect(chosen.map((room) => room.id)).toEqual(["spam00", "spam01", "spam02", "ana2", "ben1", "ana1"]);
    expect(fairUpcoming(rooms, { perHost: 3, limit: 4, viewerId: null }).map((room) => room.id)).toEqual([
      "spam00",
      "spam01",
      "spam02",
      "ana2",
    ]);
  });

  it("[SEC-7] ties keep a stable order by id; the viewer's own rooms are not held to the share", () => {
    const rooms = [r("b", "ana", 5), r("a", "ana", 5), r("c", "ana", 6), r("d", "ana", 7)];
    expect(fairUpcoming(rooms, { perHost: 2, limit: 50, viewerId: null }).map((room) => room.id)).toEqual([
      "a",
      "b",
    ]);
    expect(fairUpcoming(rooms, { perHost: 2, limit: 50, viewerId: "ana" })).toHaveLength(4);
  });

  it("[SEC-7] the service applies it after visibility: closed rooms one cannot see take no place", async () => {
    const spam = Array.from({ length: 100 }, (_, i) =>
      room(`spam${i}`, 0.5 + i / 1000, { hostId: "spammer", coHostIds: [], type: "closed" }),
    );
    const openSpam = Array.from({ length: 60 }, (_, i) =>
      room(`open${i}`, 0.5 + i / 1000, { hostId: "spammer", coHostIds: [] }),
    );
    const others = ["ana", "ben", "cem"].map((hostId, i) => room(`${hostId}-room`, 10 + i, { hostId }));
    // The in-memory store hands the service every room in the window (no visibility, no share):
    // the service's own rules must still give the others their places. (More rooms than the
    // candidates read is the database query's job: see room-quotas-http.test.ts.)
    const { service } = setup([...spam, ...openSpam, ...others], { upcomingPerHost: 3 });
    const list = (await service.upcoming("viewer")).map((item) => item.id);
    expect(list).toEqual(["open0", "open1", "open2", "ana-room", "ben-room", "cem-room"]);
  });
});
