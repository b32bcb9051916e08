import { defineHandler } from "../define-handler";
import { joinedRoom, type RealtimeDeps } from "../realtime-deps";

export const mediaHandlers = [
  defineHandler<"media:create-transport", RealtimeDeps>(
    "media:create-transport",
    async ({ socket, deps, input }) => {
      const room = await joinedRoom(socket, deps);
      const options = await room.media.createTransport(socket.data.actor, socket.id, input.direction);
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
      const room = await joinedRoom(socket, deps);
      await room.media.connectTransport(
        socket.data.actor,
        socket.id,
        input.transportId,
        input.dtlsParameters,
      );
      return {};
    },
  ),

  defineHandler<"media:produce", RealtimeDeps>("media:produce", async ({ socket, deps, input }) => {
    const room = await joinedRoom(socket, deps);
    const producerId = await room.media.produce(
      socket.data.actor,
      socket.id,
      input.transportId,
      input.rtpParameters,
    );
    return { producerId };
  }),

  defineHandler<"media:consume", RealtimeDeps>("media:consume", async ({ socket, deps, input }) => {
    const room = await joinedRoom(socket, deps);
    return room.media.consume(socket.data.actor, socket.id, input.producerId, input.rtpCapabilities);
  }),

  defineHandler<"media:restart-ice", RealtimeDeps>("media:restart-ice", async ({ socket, deps, input }) => {
    const room = await joinedRoom(socket, deps);
    return room.media.restartIce(socket.data.actor, socket.id, input.transportId);
  }),

  defineHandler<"media:resume-consumer", RealtimeDeps>(
    "media:resume-consumer",
    async ({ socket, deps, input }) => {
      const room = await joinedRoom(socket, deps);
      await room.media.resumeConsumer(socket.data.actor, socket.id, input.consumerId);
      return {};
    },
  ),
];
