import { defineHandler } from "../define-handler";
import { joinedRoom, type RealtimeDeps } from "../realtime-deps";

export const reactionHandlers = [
  defineHandler<"room:react", RealtimeDeps>("room:react", async ({ socket, deps, input }) => {
    const room = await joinedRoom(socket, deps);
    room.react(socket.data.actor, socket.id, input.emoji);
    return {};
  }),
];
