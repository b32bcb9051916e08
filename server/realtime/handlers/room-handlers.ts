import { AUDIENCE_PAGE_DEFAULT } from "../../../src/shared/protocol";
import { defineHandler } from "../define-handler";
import { joinedRoom, type RealtimeDeps } from "../realtime-deps";
import { roomChannel } from "../socket-types";

export const roomHandlers = [
  defineHandler<"room:join", RealtimeDeps>("room:join", async ({ socket, deps, input }) => {
    const previous = socket.data.roomId;
    if (previous !== undefined && previous !== input.roomId) {
      // One room per connection: entering a new room leaves the old one first.
      const old = await deps.registry.get(previous).catch(() => undefined);
      await old?.leave(socket.data.actor, socket.id);
      await socket.leave(roomChannel(previous));
    }
    const room = await deps.registry.get(input.roomId);
    // Subscribe before the snapshot is taken: every later delta then reaches this socket (the
    // client drops the ones its snapshot already contains, by version).
    await socket.join(roomChannel(input.roomId));
    try {
      const joined = await room.join(socket.data.actor, socket.id, { shareKey: input.shareKey });
      socket.data.roomId = input.roomId;
      return joined;
    } catch (error) {
      if (previous !== input.roomId) await socket.leave(roomChannel(input.roomId));
      throw error;
    }
  }),

  defineHandler<"room:audience", RealtimeDeps>("room:audience", async ({ socket, deps, input }) => {
    const room = await joinedRoom(socket, deps);
    return room.audience(socket.data.actor, socket.id, input.cursor, input.limit ?? AUDIENCE_PAGE_DEFAULT);
  }),

  defineHandler<"room:hand-queue", RealtimeDeps>("room:hand-queue", async ({ socket, deps }) => {
    const room = await joinedRoom(socket, deps);
    return { raisedHands: room.handQueue(socket.data.actor, socket.id) };
  }),

  defineHandler<"room:leave", RealtimeDeps>("room:leave", async ({ socket, deps }) => {
    const room = await joinedRoom(socket, deps);
    await room.leave(socket.data.actor, socket.id);
    await socket.leave(roomChannel(room.roomId));
    socket.data.roomId = undefined;
    return {};
  }),

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
