import { describe, expect, it } from "vitest";
import { NOW, room, setup } from "./schedule-fixtures";

describe("[SCHED-SVC] ScheduleService", () => {
  it("[SCHED-SVC-1] start: brings the room up, then notifies the interested people except the starter", async () => {
    const { service, store, sent, started } = setup([room("r1", 1)], {
      interests: [
        ["r1", "fan"],
        ["r1", "cohost"],
        ["r1", "other"],
      ],
    });
    const answer = await service.start("cohost", "r1");
    expect(answer).toEqual({
      ok: true,
      data: { roomId: "r1", status: "live", startedAt: NOW.toISOString() },
    });
    expect(started).toEqual(["r1"]);
    expect(store.rooms.get("r1")?.status).toBe("live");
    expect(sent).toEqual([
      { recipients: ["fan", "other"], request: { kind: "room_live", actorId: "cohost", roomId: "r1" } },
    ]);
  });

  it("[SCHED-SVC-2] a room that cannot be brought up goes back to scheduled, so the host can tap again", async () => {
    const { service, store, sent } = setup([room("r1", 1)], {
      interests: [["r1", "fan"]],
      startLiveRoom: async () => {
        throw new Error("no worker");
      },
    });
    expect(await service.start("host", "r1")).toMatchObject({ ok: false, error: { code: "internal" } });
    expect(store.rooms.get("r1")).toMatchObject({ status: "scheduled", startedAt: null });
    expect(sent).toEqual([]);
  });

  it("[SCHED-SVC-3] a failing notifier does not undo or fail the start", async () => {
    const { service, store } = setup([room("r1", 1)], { interests: [["r1", "fan"]], notifyFails: true });
    expect((await service.start("host", "r1")).ok).toBe(true);
    expect(store.rooms.get("r1")?.status).toBe("live");
  });

  it("[SCHED-SVC-4] upcoming: soonest first, overdue rooms kept for a while, far or stale ones left out, canStart per viewer", async () => {
    const { service } = setup([
      room("late", 5),
      room("soon", 1),
      room("overdue", -2),
      room("stale", -13),
      room("far", 24 * 31),
      room("live", 2, { status: "live" }),
    ]);
    const forHost = await service.upcoming("host");
    expect(forHost.map((r) => r.id)).toEqual(["overdue", "soon", "late"]);
    expect(forHost.every((r) => r.canStart)).toBe(true);
    expect((await service.upcoming(null)).map((r) => r.canStart)).toEqual([false, false, false]);
  });

  it("[SCHED-SVC-5] upcoming caps at 50 rooms", async () => {
    const many = Array.from({ length: 60 }, (_, i) => room(`r${String(i).padStart(2, "0")}`, 1 + i));
    const { service } = setup(many);
    const list = await service.upcoming("someone");
    expect(list).toHaveLength(50);
    expect(list[0]?.id).toBe("r00");
  });

  it("[SCHED-SVC-6] the calendar of a cancelled room is marked CANCELLED", async () => {
    const { service } = setup([room("r1", 3)]);
    expect((await service.cancel("host", "r1")).ok).toBe(true);
    const file = await service.calendar("fan", "r1");
    expect(file.ok && file.data.text).toContain("\r\nSTATUS:CANCELLED\r\n");
  });
});
