import { AUDIENCE_PAGE_DEFAULT } from "../../../src/shared/protocol";
import { defineHandler } from "../define-handler";
import { joinedRoom, type RealtimeDeps } from "../realtime-deps";
import { RoomError } from "../../rooms/room-ports";
import { roomChannel, type CommandSocket } from "../socket-types";

/**
 * Runs one room:join or room:leave of this connection after its previous one has finished. Two
 * joins at once would otherwise both find no previous room, and the person would end up in two
 * rooms, one of them on a connection nobody ever disconnects there (a ghost member).
 */
function oneRoomChangeAtATime<T>(socket: CommandSocket, change: () => Promise<T>): Promise<T> {
  const run = (socket.data.roomChanges ?? Promise.resolve()).then(change, change);
  socket.data.roomChanges = run.catch(() => undefined);
  return run;
}

const closedWhileJoining = () =>
  new RoomError("invalid_state", "The connection closed while joining. Join again.");

export const roomHandlers = [
  defineHandler<"room:join", RealtimeDeps>("room:join", ({ socket, deps, input, logger }) =>
    oneRoomChangeAtATime(socket, async () => {
      const refusal = deps.registry.joinRefusal();
      if (refusal) throw refusal;
      const previous = socket.data.roomId;
      if (previous !== undefined && previous !== input.roomId) {
        // One room per connection: entering a new room leaves the old one first.
        const old = await deps.registry.get(previous).catch(() => undefined);
        await old?.leave(socket.data.actor, socket.id);
        await socket.leave(roomChannel(previous));
        socket.data.roomId = undefined;
      }
      const room = await deps.registry.get(input.roomId);
      if (!socket.connected) throw closedWhileJoining();
      // The room subscribes this socket to its broadcasts once it has admitted it, not before:
      // a refused entrant hears nothing of the room.
      const joined = await room.join(socket.data.actor, socket.id, { shareKey: input.shareKey });
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- it may have dropped during the await
      if (!socket.connected) {
        // It dropped while the room was letting it in, so its disconnect found no room to leave:
        // leave now as a drop does (media closed, seat kept for the rejoin grace, then gone).
        await room.disconnect(socket.data.actor, socket.id);
        throw closedWhileJoining();
      }
      socket.data.roomId = input.roomId;
      deps.metrics?.joined(socket);
      // The chat's newest messages and rules come with the join (server/chat).
      const chat = room.isEnded
        ? undefined
        : await deps.chat?.joined(socket.data.actor, room).catch((error: unknown) => {
            logger.warn({ err: error }, "chat not loaded with the join"); // the room works without it
            return undefined;
          });
      return chat ? { ...joined, chat } : joined;
    }),
  ),

  defineHandler<"room:audience", RealtimeDeps>("room:audience", async ({ socket, deps, input }) => {
    const room = await joinedRoom(socket, deps);
    return room.audience(socket.data.actor, socket.id, input.cursor, input.limit ?? AUDIENCE_PAGE_DEFAULT);
  }),

  defineHandler<"room:hand-queue", RealtimeDeps>("room:hand-queue", async ({ socket, deps }) => {
    const room = await joinedRoom(socket, deps);
    return { raisedHands: room.handQueue(socket.data.actor, socket.id) };
  }),

  defineHandler<"room:leave", RealtimeDeps>("room:leave", ({ socket, deps }) =>
    oneRoomChangeAtATime(socket, async () => {
      const room = await joinedRoom(socket, deps);
      await room.leave(socket.data.actor, socket.id);
      await socket.leave(roomChannel(room.roomId));
      socket.data.roomId = undefined;
      return {};
    }),
  ),

  defineHandler<"room:set-muted", RealtimeDeps>("room:set-muted", async ({ socket, deps, input }) => {
    const room = await joinedRoom(socket, deps);
    await room.act(socket.data.actor, socket.id, { type: "set-muted", muted: input.muted });
    return { muted: input.muted };
  }),

  defineHandler<"room:end", RealtimeDeps>("room:end", async ({ socket, deps }) => {
    const room = await joinedRoom(socket, deps);
    await room.act(socket.data.actor, socket.id, { type: "end" });
    return {};
  }),
];
