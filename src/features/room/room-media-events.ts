import type { Socket } from "socket.io-client";
import type { ProducerInfo } from "@/shared/protocol";
import { onServerEvent } from "@/lib/socket-events";
import type { RoomReceiver } from "./room-receiver";

/** What the media events need from the room connection. */
export interface MediaEventHooks {
  receiver: RoomReceiver;
  selfId(): string | null;
  /** Only the worker we received from died: receive again elsewhere. */
  receiveAgain(producers: readonly ProducerInfo[]): void;
  /** The media server behind the room restarted: same room, same role, new transports. */
  rejoin(): void;
}

/** The server's media events: producers coming and going, and media resets after a worker died. */
export function watchMediaEvents(socket: Socket, hooks: MediaEventHooks): void {
  onServerEvent(socket, "media:reset", (reset) => {
    if (reset.reason === "receive-moved") hooks.receiveAgain(reset.producers);
    else hooks.rejoin();
  });
  onServerEvent(socket, "media:producer-added", ({ producerId, userId }) => {
    if (userId !== hooks.selfId()) void hooks.receiver.consume(producerId, userId);
  });
  onServerEvent(socket, "media:producer-closed", ({ producerId }) =>
    hooks.receiver.producerClosed(producerId),
  );
  onServerEvent(socket, "media:consumer-closed", ({ consumerId }) =>
    hooks.receiver.consumerClosed(consumerId),
  );
}
