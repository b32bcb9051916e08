import type { Logger } from "../logging/logger";
import type { ProducerInfo, ServerEventPayload } from "../../src/shared/protocol";
import type { RoomListenIns } from "./room-listen-ins";
import type { RoomBroadcaster, RoomMediaEvents, RoomMediaPort } from "./room-ports";

/**
 * Turns what the media layer reports (role-blind: producers, consumers, the loudest voice, a dead
 * worker) into protocol events for the room's people. `sessionOf` finds a member's connection, so
 * a speaker is not told about their own producer and a consumer's closing reaches only its owner.
 */
export function roomMediaListener(input: {
  roomId: string;
  broadcaster: RoomBroadcaster;
  sessionOf: (userId: string) => string | undefined;
  onActiveSpeaker: (userId: string | null) => void;
  onMediaLost: () => void;
  /** What is being sent now, so moved receivers know what to consume again. */
  producers: () => ProducerInfo[];
  /** Staff listening silently: not in the room's channel, so each is told on its own connection. */
  listenIns: RoomListenIns;
}): RoomMediaEvents {
  const { roomId, broadcaster, listenIns } = input;
  // A consumer's owner is a member, or a listen-in's media key.
  const sessionOf = (userId: string) => input.sessionOf(userId) ?? listenIns.sessionOfKey(userId);
  const toListenIns = <K extends "media:producer-added" | "media:producer-closed" | "room:active-speaker">(
    event: K,
    payload: ServerEventPayload<K>,
  ) => {
    for (const sessionId of listenIns.sessions()) broadcaster.toSession(sessionId, event, payload);
  };
  return {
    producerAdded: (info) => {
      broadcaster.toRoom(roomId, "media:producer-added", info, input.sessionOf(info.userId));
      toListenIns("media:producer-added", info);
    },
    producerClosed: (info) => {
      broadcaster.toRoom(roomId, "media:producer-closed", info);
      toListenIns("media:producer-closed", info);
    },
    consumerClosed: ({ userId, consumerId }) => {
      const sessionId = sessionOf(userId);
      if (sessionId) broadcaster.toSession(sessionId, "media:consumer-closed", { consumerId });
    },
    activeSpeaker: (userId) => {
      input.onActiveSpeaker(userId);
      broadcaster.toRoom(roomId, "room:active-speaker", { userId });
      toListenIns("room:active-speaker", { userId });
    },
    mediaLost: input.onMediaLost,
    receiversLost: (userIds) => {
      const producers = input.producers();
      for (const userId of userIds) {
        const sessionId = sessionOf(userId);
        if (sessionId)
          broadcaster.toSession(sessionId, "media:reset", { reason: "receive-moved", producers });
      }
    },
  };
}

/**
 * Builds a room's media again after its worker died, retrying with a growing pause: the pool may
 * still be replacing the worker. Gives up (throws) after `attempts`.
 */
export async function recreateMedia(
  create: () => Promise<RoomMediaPort>,
  logger: Logger,
  attempts = 5,
): Promise<RoomMediaPort> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await create();
    } catch (error) {
      if (attempt >= attempts) throw error;
      logger.warn({ err: error, attempt }, "rebuilding room media failed; retrying");
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}
