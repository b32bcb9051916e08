import type { ErrorCode, Role, ServerEventName, ServerEventPayload } from "../../src/shared/protocol";

/** A room as stored: what the service needs to bring it (back) to life. */
export type StoredRoom = {
  id: string;
  title: string;
  hostId: string;
  status: "live" | "ended";
  /** People who had not left when the server stopped; they get their roles back when they return. */
  members: { userId: string; displayName: string; role: Role; joinedAt: number }[];
};

/** The persistence the room service needs; implemented over Prisma in server/db, in memory in tests. */
export interface RoomStore {
  findRoom(roomId: string): Promise<StoredRoom | null>;
  markRoomEnded(roomId: string, at: Date): Promise<void>;
  saveRoomHost(roomId: string, hostId: string): Promise<void>;
  /** People the host has blocked: kept out of every room the host runs. */
  hostBlockedUserIds(hostId: string): Promise<string[]>;
  /** A removal "for good" from a host's rooms: the host blocks the person. */
  blockUserForHost(hostId: string, userId: string): Promise<void>;
  saveMemberRole(roomId: string, userId: string, role: Role, at: Date): Promise<void>;
  markMemberLeft(roomId: string, userId: string, at: Date): Promise<void>;
}

/**
 * How the service reaches people, by room or by connection ("session" = one socket). Implemented
 * by the Socket.IO edge; the service never touches sockets itself.
 */
export interface RoomBroadcaster {
  toRoom<K extends ServerEventName>(roomId: string, event: K, payload: ServerEventPayload<K>, exceptSessionId?: string): void;
  toSession<K extends ServerEventName>(sessionId: string, event: K, payload: ServerEventPayload<K>): void;
  /** Takes a connection out of the room's broadcasts (after it was replaced or the room ended). */
  detachSession(sessionId: string, roomId: string): void;
}

/** A refusal from the room layer, carrying a protocol error code. */
export class RoomError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "RoomError";
  }
}
