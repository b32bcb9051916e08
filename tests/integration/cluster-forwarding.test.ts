import { beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { inProcessCluster, urlOf } from "../support/in-process-cluster";
import { connectSocket, createRoom, send, signIn, type TestApp } from "../support/test-app";
import { clusterTestsAvailable } from "../support/test-redis";

const available = await clusterTestsAvailable();

/** The next `event` on `socket` whose payload passes `match` (10 s at most). */
function nextEvent(socket: Socket, event: string, match: (payload: unknown) => boolean): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} in time`)), 10_000);
    const listener = (payload: unknown) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

const aboutMember =
  (userId: string, check: (member: Record<string, unknown>) => boolean) =>
  (payload: unknown): boolean => {
    if (typeof payload !== "object" || payload === null || !("member" in payload)) return false;
    const member: unknown = payload.member;
    if (typeof member !== "object" || member === null || !("userId" in member) || member.userId !== userId)
      return false;
    return check(Object.fromEntries(Object.entries(member)));
  };

/**
 * Command forwarding: a member connected to node B of a room node A owns sends their commands to
 * B, which forwards them to A; the acks and error codes are the ones a member on A gets, and the
 * room's events reach them on B.
 */
describe.skipIf(!available)(
  "cluster mode: commands of members on other nodes run on the room's owner",
  () => {
    const cluster = inProcessCluster(() => ({ ROOM_LEASE_TTL_MS: "1500" }));
    let a: TestApp;
    let b: TestApp;
    beforeAll(() => {
      ({ a, b } = cluster);
    });
    const socketOn = async (t: TestApp, cookie: string) =>
      cluster.track(await connectSocket(urlOf(t), cookie));

    it("[CLUSTER-FWD-1] a listener on B joins A's room, raises a hand the host on A sees, is invited and comes on stage", async () => {
      const host = await signIn(urlOf(a), "Forward Host");
      const guest = await signIn(urlOf(b), "Forward Listener");
      const roomId = await createRoom(urlOf(a), host.cookie, "Owned by A, joined through B");
      const hostSocket = await socketOn(a, host.cookie);
      expect(await send(hostSocket, "room:join", { roomId })).toMatchObject({ ok: true });
      const onB = await socketOn(b, guest.cookie);
      const joined = await send(onB, "room:join", { roomId });
      expect(joined).toMatchObject({
        ok: true,
        data: { snapshot: { title: "Owned by A, joined through B" } },
      });
      // B forwards; it does not run the room.
      expect(b.app.registry.isHere(roomId)).toBe(false);
      expect(a.app.registry.isHere(roomId)).toBe(true);

      const handSeen = nextEvent(
        hostSocket,
        "room:member-updated",
        aboutMember(guest.userId, (m) => m.handRaisedAt !== null),
      );
      expect(await send(onB, "room:raise-hand", {})).toEqual({ ok: true, data: {} });
      await handSeen;

      const invited = nextEvent(
        onB,
        "room:member-updated",
        aboutMember(guest.userId, (m) => m.invitedAt !== null),
      );
      expect(await send(hostSocket, "room:invite-to-speak", { userId: guest.userId })).toMatchObject({
        ok: true,
      });
      await invited;
      const onStage = nextEvent(
        hostSocket,
        "room:member-updated",
        aboutMember(guest.userId, (m) => m.role === "speaker"),
      );
      expect(await send(onB, "room:respond-to-invitation", { accept: true })).toMatchObject({ ok: true });
      await onStage;
    });

    it("[CLUSTER-FWD-2] refusals keep their codes across nodes: forbidden, invalid_input with issues, invalid_state", async () => {
      const host = await signIn(urlOf(a), "Refusal Host");
      const guest = await signIn(urlOf(b), "Refusal Listener");
      const roomId = await createRoom(urlOf(a), host.cookie, "Refusals across nodes");
      expect(await send(await socketOn(a, host.cookie), "room:join", { roomId })).toMatchObject({ ok: true });
      const onB = await socketOn(b, guest.cookie);
      expect(await send(onB, "room:join", { roomId })).toMatchObject({ ok: true });
      expect(await send(onB, "room:end", {})).toMatchObject({ ok: false, error: { code: "forbidden" } });
      const bad = await send(onB, "room:invite-to-speak", { userId: 42 });
      expect(bad).toMatchObject({
        ok: false,
        error: { code: "invalid_input", issues: [{ path: "userId" }] },
      });
      expect(await send(onB, "room:leave", {})).toEqual({ ok: true, data: {} });
      expect(await send(onB, "room:raise-hand", {})).toMatchObject({
        ok: false,
        error: { code: "invalid_state" },
      });
    });

    it("[CLUSTER-FWD-3] a member on B removed by the host on A is out on B too: told, and their next command refused", async () => {
      const host = await signIn(urlOf(a), "Removing Host");
      const guest = await signIn(urlOf(b), "Removed Listener");
      const roomId = await createRoom(urlOf(a), host.cookie, "Removal across nodes");
      const hostSocket = await socketOn(a, host.cookie);
      expect(await send(hostSocket, "room:join", { roomId })).toMatchObject({ ok: true });
      const onB = await socketOn(b, guest.cookie);
      expect(await send(onB, "room:join", { roomId })).toMatchObject({ ok: true });
      const told = nextEvent(onB, "room:removed", () => true);
      expect(
        await send(hostSocket, "room:remove-member", { userId: guest.userId, block: "none" }),
      ).toMatchObject({ ok: true });
      expect(await told).toMatchObject({ roomId });
      // B forgot the room as well: media commands (served by B) are refused at once.
      await expect
        .poll(async () => (await send(onB, "media:create-transport", { direction: "recv" })).ok, {
          timeout: 5_000,
        })
        .toBe(false);
      expect(await send(onB, "room:raise-hand", {})).toMatchObject({
        ok: false,
        error: { code: "invalid_state" },
      });
    });

    it("[CLUSTER-FWD-4] a listener on B gets a receive transport from B's own workers", async () => {
      const host = await signIn(urlOf(a), "Media Host");
      const guest = await signIn(urlOf(b), "Media Listener");
      const roomId = await createRoom(urlOf(a), host.cookie, "Media on the member's node");
      expect(await send(await socketOn(a, host.cookie), "room:join", { roomId })).toMatchObject({ ok: true });
      const onB = await socketOn(b, guest.cookie);
      expect(await send(onB, "room:join", { roomId })).toMatchObject({ ok: true });
      const seatsOf = (t: TestApp) => t.app.pool.seatsPerWorker().reduce((sum, seats) => sum + seats, 0);
      const [seatsOnA, seatsOnB] = [seatsOf(a), seatsOf(b)];
      expect(await send(onB, "media:create-transport", { direction: "recv" })).toMatchObject({ ok: true });
      // The receive transport took a seat on B's workers, none on A's.
      expect(seatsOf(b)).toBe(seatsOnB + 1);
      expect(seatsOf(a)).toBe(seatsOnA);
    });

    it("[CLUSTER-REC-1] a node starting leaves another node's recording alone; the room's node marks it failed only when it takes the room over", async () => {
      const host = await signIn(urlOf(a), "Recording Host");
      const roomId = await createRoom(urlOf(a), host.cookie, "Recorded on A");
      const hostSocket = await socketOn(a, host.cookie);
      expect(await send(hostSocket, "room:join", { roomId })).toMatchObject({ ok: true });
      expect(await send(hostSocket, "room:set-recording", { enabled: true })).toMatchObject({ ok: true });
      const statusOnA = async () => (await a.persistence.recordings.forRoom(roomId)).map((r) => r.status);
      expect(await statusOnA()).toEqual(["recording"]);
      // A third node comes up: the recording on A goes on.
      const c = await cluster.node("node-c");
      try {
        expect(await statusOnA()).toEqual(["recording"]);
        // A stops renewing its leases, as a dead node does: C takes the room over and fails what
        // A left half-made.
        a.cluster?.leases.abandon();
        // Once A's lease has lapsed for the sweep's grace, B's or C's sweep takes the room over
        // from PostgreSQL, and fails what A left half-made.
        await expect
          .poll(() => b.app.registry.isHere(roomId) || c.app.registry.isHere(roomId), { timeout: 15_000 })
          .toBe(true);
        await expect.poll(statusOnA, { timeout: 5_000 }).toEqual(["failed"]);
      } finally {
        await c.close();
      }
    });

    it("[CLUSTER-FWD-5] room_full is about the member's own node: a full owner still takes listeners through a node with room", async () => {
      // Node C's one worker has one consumer seat: a listener's receive transport there fills it.
      const c = await cluster.node("node-full", { MEDIA_MAX_CONSUMERS_PER_WORKER: "1" });
      try {
        const host = await signIn(urlOf(c), "Full Owner Host");
        const roomId = await createRoom(urlOf(c), host.cookie, "Owner with no seats");
        expect(await send(await socketOn(c, host.cookie), "room:join", { roomId })).toMatchObject({
          ok: true,
        });
        const first = await signIn(urlOf(c), "Seat Taker");
        const firstSocket = await socketOn(c, first.cookie);
        expect(await send(firstSocket, "room:join", { roomId })).toMatchObject({ ok: true });
        expect(await send(firstSocket, "media:create-transport", { direction: "recv" })).toMatchObject({
          ok: true,
        });
        const second = await signIn(urlOf(c), "Refused On The Owner");
        expect(await send(await socketOn(c, second.cookie), "room:join", { roomId })).toMatchObject({
          ok: false,
          error: { code: "room_full" },
        });
        // The same room through node B, whose workers have seats: in, with a transport from B.
        const third = await signIn(urlOf(b), "Welcome Through B");
        const onB = await socketOn(b, third.cookie);
        expect(await send(onB, "room:join", { roomId })).toMatchObject({ ok: true });
        expect(await send(onB, "media:create-transport", { direction: "recv" })).toMatchObject({ ok: true });
      } finally {
        await c.close();
      }
    });
  },
);
