import { describe, expect, it } from "vitest";
import type { Actor, RoomCommand } from "../../server/domain/room-state";
import { createLogger } from "../../server/logging/logger";
import type { RoomBroadcaster, RoomCommandWrites, RoomStore } from "../../server/rooms/room-ports";
import { RoomService, type RoomServiceDeps } from "../../server/rooms/room-service";
import { fakeMedia, openRoom } from "../unit/presence-fakes";

/**
 * [SEC-11] Half-applied commands. Every write of one room command (roles, departures, the host,
 * the end, bans, blocks) is one transaction, committed before the in-memory state changes. Here
 * a fake store fails on each write of a command in turn: the transaction then commits nothing,
 * the room stays exactly as it was (state, broadcasts, media, connections), the caller hears
 * `internal`, the failure is logged with the room's context, and the same command succeeds once
 * the store works again.
 */

/** A store whose transactions stage writes and commit them together; write number `failAt` throws. */
function transactionalStore() {
  const committed: string[] = [];
  const control = { failAt: -1, writesSeen: 0 };
  const write = (staged: string[], line: string) => {
    const index = control.writesSeen++;
    if (index === control.failAt) throw new Error(`disk full at write ${index}`);
    staged.push(line);
  };
  const writesInto = (staged: string[]): RoomCommandWrites => ({
    saveMemberRole: async (_roomId, userId, role) => write(staged, `role ${userId} ${role}`),
    markMemberLeft: async (_roomId, userId) => write(staged, `left ${userId}`),
    saveRoomHost: async (_roomId, hostId) => write(staged, `host ${hostId}`),
    saveRoomSettings: async (_roomId, settings) => write(staged, `settings ${JSON.stringify(settings)}`),
    markRoomEnded: async (_roomId, _at, reason) => write(staged, `ended ${reason}`),
    banFromRoom: async (_roomId, userId) => write(staged, `ban ${userId}`),
    blockUserForHost: async (hostId, userId) => write(staged, `block ${hostId} ${userId}`),
  });
  const store: RoomStore = {
    createRoom: () => Promise.reject(new Error("not used")),
    findRoom: async () => null,
    liveRoomIds: async () => [],
    allowedUserIds: async () => [],
    grantAccess: async () => undefined,
    followerIds: async () => [],
    followingIds: async () => [],
    people: async () => [],
    hostBlockedUserIds: async () => [],
    roomBannedUserIds: async () => [],
    saveAudienceChanges: async () => undefined,
    // Outside a transaction a write is stored at once, as a database would.
    ...writesInto(committed),
    async inTransaction(work) {
      const staged: string[] = [];
      const result = await work(writesInto(staged));
      committed.push(...staged);
      return result;
    },
  };
  return { store, committed, control };
}

const host: Actor = { userId: "host", displayName: "Hana Host", isGuest: false };
const mia: Actor = { userId: "mia", displayName: "Mia Moderator", isGuest: false };
const sam: Actor = { userId: "sam", displayName: "Sam Speaker", isGuest: false };

async function stagedService() {
  const { store, committed, control } = transactionalStore();
  const sent: string[] = [];
  const mediaCalls: string[] = [];
  const logLines: string[] = [];
  const broadcaster: RoomBroadcaster = {
    toRoom: (_roomId, event) => void sent.push(`room ${event}`),
    toSession: (sessionId, event) => void sent.push(`session ${sessionId} ${event}`),
    toUser: () => undefined,
    toHallway: () => undefined,
    attachSession: (sessionId) => void sent.push(`attach ${sessionId}`),
    detachSession: (sessionId) => void sent.push(`detach ${sessionId}`),
  };
  const media = {
    ...fakeMedia(),
    revokePublish: (userId: string) => void mediaCalls.push(`revoke ${userId}`),
    closePeer: (userId: string) => void mediaCalls.push(`close ${userId}`),
    close: () => void mediaCalls.push("close-room"),
  };
  const deps: RoomServiceDeps = {
    store,
    broadcaster,
    logger: createLogger("error", { write: (line: string) => void logLines.push(line) }),
    now: () => Date.now(),
    stageLimit: 20,
    memberLimit: 100,
    rejoinGraceMs: 60_000,
    emptyStageGraceMs: 60_000,
    createMedia: async () => media,
  };
  const service = await RoomService.create(openRoom, deps);
  await service.join(host, "s-host");
  await service.join(mia, "s-mia");
  await service.join(sam, "s-sam");
  for (const [userId, sessionId] of [
    ["mia", "s-mia"],
    ["sam", "s-sam"],
  ] as const) {
    await service.act(host, "s-host", { type: "invite-to-speak", userId });
    await service.act({ host, mia, sam }[userId], sessionId, { type: "respond-to-invitation", accept: true });
  }
  await service.act(host, "s-host", { type: "set-moderator", userId: "mia", moderator: true });
  return { service, committed, control, sent, mediaCalls, logLines };
}

type InRoomCommand = Exclude<RoomCommand, { type: "join" } | { type: "leave" }>;

const commands: { name: string; actor: Actor; command: InRoomCommand; writes: string[] }[] = [
  {
    name: "the host hands the room over",
    actor: host,
    command: { type: "transfer-host", userId: "mia" },
    writes: ["role host moderator", "host mia", "role mia host"],
  },
  {
    name: "a speaker is removed for good from this room",
    actor: mia,
    command: { type: "remove-member", userId: "sam", block: "room" },
    writes: ["left sam", "ban sam"],
  },
  {
    name: "the host removes a speaker and blocks them from all their rooms",
    actor: host,
    command: { type: "remove-member", userId: "sam", block: "host-rooms" },
    writes: ["left sam", "block host sam"],
  },
  {
    name: "the host ends the room",
    actor: host,
    command: { type: "end" },
    writes: ["ended host-ended"],
  },
];

describe("[SEC-11] a room command's writes are all or nothing, before the commit", () => {
  for (const { name, actor, command, writes } of commands) {
    for (let failAt = 0; failAt < writes.length; failAt++) {
      it(`[SEC-11] ${name}: write ${failAt + 1} of ${writes.length} fails → nothing stored, nothing changed, internal`, async () => {
        const room = await stagedService();
        const before = room.service.inspect();
        const committedBefore = [...room.committed];
        const sentBefore = [...room.sent];
        const mediaBefore = [...room.mediaCalls];
        room.control.writesSeen = 0;
        room.control.failAt = failAt;
        const sessionId = `s-${actor.userId}`;

        await expect(room.service.act(actor, sessionId, command)).rejects.toMatchObject({ code: "internal" });
        expect(room.committed).toEqual(committedBefore);
        expect(room.service.inspect()).toEqual(before);
        expect(room.sent).toEqual(sentBefore);
        expect(room.mediaCalls).toEqual(mediaBefore);
        // Nobody lost their connection to the room: the speaker may still act.
        expect(() => room.service.audience(sam, "s-sam", undefined, 10)).not.toThrow();
        expect(room.logLines.some((line) => line.includes("room command not saved"))).toBe(true);

        // The store works again: the same command goes through, every write of it stored.
        room.control.failAt = -1;
        await room.service.act(actor, sessionId, command);
        expect(room.committed.slice(committedBefore.length)).toEqual(writes);
        expect(room.sent.length).toBeGreaterThan(sentBefore.length);
      });
    }
  }
});
