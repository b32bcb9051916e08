import { defineHandler } from "../define-handler";
import type { RealtimeDeps } from "../realtime-deps";
import { HALLWAY_CHANNEL } from "../socket-types";

export const hallwayHandlers = [
  // Watching is just joining a channel: what changed is never sent, only that something did, so a
  // watcher learns nothing about rooms it may not see (it refetches its own filtered hallway).
  defineHandler<"hallway:watch", RealtimeDeps>("hallway:watch", async ({ socket }) => {
    await socket.join(HALLWAY_CHANNEL);
    return {};
  }),
];
