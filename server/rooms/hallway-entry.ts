import type { HallwayCardPush } from "../../src/shared/protocol";
import type { RoomAccessPolicy } from "../domain/room-access";
import type { RoomService } from "./room-service";

const FACES_PER_CARD = 6;

type Facts = ReturnType<RoomService["hallwayFacts"]>;

export type PublicCard = HallwayCardPush & { memberCount: number; startedAtMs: number };

/**
 * What the hallway needs of one live room, as plain data: its public card, who may see it, and
 * how many are connected. Built from a running room here, or read from Redis for a room another
 * node of the cluster runs (server/cluster/hallway-board.ts), so both sort and filter alike.
 */
export type HallwayEntry = {
  card: PublicCard;
  policy: RoomAccessPolicy;
  connectedCount: number;
  ended: boolean;
  /**
   * Asked for people already inside: known where the room runs; for another node's social or
   * closed room, from the members it published (bounded: server/cluster/hallway-board.ts).
   */
  isMember: (userId: string) => boolean;
};

/** A room's card as everyone who may see it sees it (ranking for one viewer is added on top). */
export function publicCard(facts: Facts): PublicCard {
  const startedAtMs = (facts.room.startedAt ?? facts.room.createdAt).getTime();
  return {
    id: facts.room.id,
    title: facts.room.title,
    description: facts.room.description,
    type: facts.room.type,
    topics: facts.room.topics,
    language: facts.room.language,
    hostId: facts.hostId,
    hostName:
      facts.stage.find((person) => person.userId === facts.hostId)?.displayName ?? facts.room.hostName,
    startedAt: new Date(startedAtMs).toISOString(),
    speakers: facts.stage.slice(0, FACES_PER_CARD),
    speakerCount: facts.stage.length,
    listenerCount: facts.listenerCount,
    stageUserIds: facts.presence.stageUserIds.slice(),
    recording: facts.recording,
    memberCount: facts.stage.length + facts.listenerCount,
    startedAtMs,
  };
}

export function hallwayEntryOf(service: RoomService): HallwayEntry {
  const facts = service.hallwayFacts();
  return {
    card: publicCard(facts),
    policy: facts.policy,
    connectedCount: facts.connectedCount,
    ended: facts.ended,
    isMember: facts.presence.isMember,
  };
}
