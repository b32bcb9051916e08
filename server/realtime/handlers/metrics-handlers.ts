import { RoomError } from "../../rooms/room-ports";
import { defineHandler } from "../define-handler";
import type { RealtimeDeps } from "../realtime-deps";

export const metricsHandlers = [
  defineHandler<"metrics:first-audio", RealtimeDeps>(
    "metrics:first-audio",
    async ({ socket, deps, input }) => {
      if (socket.data.roomId === undefined) throw new RoomError("invalid_state", "Join a room first.");
      if (deps.metrics && !deps.metrics.firstAudio(socket, input.ms / 1000))
        throw new RoomError("invalid_state", "First audio was already reported for this join.");
      return Promise.resolve({});
    },
  ),
];
