import { describe, expect, it } from "vitest";
import { applyRoomCommand, createRoomState } from "../../server/domain/room-machine";
import { accepted, expectRefusal, fresh, gus, host, lee, liz, mia, run } from "./room-fixtures";

describe("[ROOM-FULL] a room holds at most memberLimit people", () => {
  it("[ROOM-FULL-1] the next newcomer past the limit is refused with room_full, saying how full the room is", () => {
    const full = run(fresh({ memberLimit: 3 }), [
      [host, { type: "join" }],
      [lee, { type: "join" }],
      [liz, { type: "join" }],
    ]);
    const message = expectRefusal(full, gus, { type: "join" }, "room_full");
    expect(message).toBe("This room is full (3 of 3 people). Try again when someone leaves.");
  });

  it("[ROOM-FULL-2] someone already inside rejoins a full room (a reconnect is not a newcomer)", () => {
    const full = run(fresh({ memberLimit: 2 }), [
      [host, { type: "join" }],
      [lee, { type: "join" }],
    ]);
    const again = accepted(applyRoomCommand(full, lee, { type: "join" }, 5000));
    expect([...again.state.members.keys()]).toEqual(["host", "lee"]);
  });

  it("[ROOM-FULL-3] the host always gets into their own room, even when listeners filled it first", () => {
    const full = run(fresh({ memberLimit: 2 }), [
      [lee, { type: "join" }],
      [liz, { type: "join" }],
    ]);
    const withHost = accepted(applyRoomCommand(full, host, { type: "join" }, 5000));
    expect(withHost.state.members.get("host")?.role).toBe("host");
    expectRefusal(withHost.state, mia, { type: "join" }, "room_full");
  });

  it("[ROOM-FULL-4] a place freed by someone leaving is taken by the next newcomer", () => {
    const full = run(fresh({ memberLimit: 2 }), [
      [host, { type: "join" }],
      [lee, { type: "join" }],
    ]);
    expectRefusal(full, liz, { type: "join" }, "room_full");
    const freed = run(full, [[lee, { type: "leave" }]]);
    expect(
      accepted(applyRoomCommand(freed, liz, { type: "join" }, 6000)).state.members.get("liz")?.role,
    ).toBe("listener");
  });

  it("[ROOM-FULL-5] a member limit below one is a programming error", () => {
    expect(() => createRoomState({ roomId: "r", title: "t", hostId: "h", memberLimit: 0 })).toThrow(
      RangeError,
    );
    expect(() => createRoomState({ roomId: "r", title: "t", hostId: "h", memberLimit: 2.5 })).toThrow(
      RangeError,
    );
  });
});
