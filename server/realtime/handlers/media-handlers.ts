import type { MemberMedia } from "../../cluster/edge-room-media";
import { defineHandler } from "../define-handler";
import { joinedRoom, type RealtimeDeps } from "../realtime-deps";
import type { CommandSocket } from "../socket-types";

/**
 * The media of the room this socket is in: the room's own when it runs here, else (cluster mode)
 * this node's part of a room another node owns: a member's media is always on their own node.
 */
async function memberMedia(socket: CommandSocket, deps: RealtimeDeps): Promise<MemberMedia> {
  const remote = await deps.clusterEdge?.remoteMedia(socket);
  return remote ?? (await joinedRoom(socket, deps)).media;
}

export const mediaHandlers = [
  defineHandler<"media:create-transport", RealtimeDeps>(
    "media:create-transport",
    async ({ socket, deps, input }) => {
      const media = await memberMedia(socket, deps);
      const options = await media.createTransport(socket.data.actor, socket.id, input.direction);
      return {
        ...options,
        iceServers: deps.iceServersFor(socket.data.actor.userId),
        ...(deps.iceTransportPolicy === "relay" ? { iceTransportPolicy: "relay" as const } : {}),
      };
    },
  ),

  defineHandler<"media:connect-transport", RealtimeDeps>(
    "media:connect-transport",
    async ({ socket, deps, input }) => {
      const media = await memberMedia(socket, deps);
      await media.connectTransport(socket.data.actor, socket.id, input.transportId, input.dtlsParameters);
      return {};
    },
  ),

  defineHandler<"media:produce", RealtimeDeps>("media:produce", async ({ socket, deps, input }) => {
    const media = await memberMedia(socket, deps);
    const producerId = await media.produce(
      socket.data.actor,
      socket.id,
      input.transportId,
      input.rtpParameters,
    );
    return { producerId };
  }),

  defineHandler<"media:consume", RealtimeDeps>("media:consume", async ({ socket, deps, input }) => {
    const media = await memberMedia(socket, deps);
    return media.consume(socket.data.actor, socket.id, input.producerId, input.rtpCapabilities);
  }),

  defineHandler<"media:restart-ice", RealtimeDeps>("media:restart-ice", async ({ socket, deps, input }) => {
    const media = await memberMedia(socket, deps);
    return media.restartIce(socket.data.actor, socket.id, input.transportId);
  }),

  defineHandler<"media:resume-consumer", RealtimeDeps>(
    "media:resume-consumer",
    async ({ socket, deps, input }) => {
      const media = await memberMedia(socket, deps);
      await media.resumeConsumer(socket.data.actor, socket.id, input.consumerId);
      return {};
    },
  ),
];
