import { defineHandler } from "../define-handler";
import { joinedRoom, type RealtimeDeps } from "../realtime-deps";

/** `room:ping`: ping people into the room this socket is in. The ping service decides, per person. */
export const pingHandlers = [
  defineHandler<"room:ping", RealtimeDeps>("room:ping", async ({ socket, deps, input }) => {
    const room = await joinedRoom(socket, deps);
    return deps.pings.ping(socket.data.actor, room, input.userIds);
  }),
];
