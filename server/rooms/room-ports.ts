import type {
  ErrorCode,
  PersonSummary,
  Role,
  RoomEndReason,
  RoomLifecycle,
  RoomType,
  ServerEventName,
  ServerEventPayload,
} from "../../src/shared/protocol";

/** A room as stored: what the directory shows and what the service needs to bring it (back) to life. */
export type StoredRoom = {
  id: string;
  title: string;
  description: string;
  type: RoomType;
  topics: string[];
  language: string;
  hostId: string;
  hostName: string;
  status: RoomLifecycle;
  createdAt: Date;
  scheduledFor: Date | null;
  startedAt: Date | null;
  endedAt: Date | null;
  endReason: RoomEndReason | null;
  /** Closed rooms: the secret of the share link. */
  shareKey: string | null;
  coHostIds: string[];
  /** People who had not left when the server stopped; they get their roles back when they return. */
  members: { userId: string; displayName: string; avatarUrl: string | null; role: Role; joinedAt: number }[];
};

/** What creating a room stores (the directory has validated it). */
export type NewStoredRoom = {
  hostId: string;
  title: string;
  description: string;
  type: RoomType;
  topics: string[];
  language: string;
  scheduledFor: Date | null;
  coHostIds: string[];
  allowedUserIds: string[];
  shareKey: string | null;
};

/** The persistence the rooms layer needs; implemented over Prisma in server/db, in memory in tests. */
export interface RoomStore {
  createRoom(input: NewStoredRoom): Promise<StoredRoom>;
  findRoom(roomId: string): Promise<StoredRoom | null>;
  /** Ids of rooms the database says are live: after a restart each is brought back or ended. */
  liveRoomIds(): Promise<string[]>;
  markRoomEnded(roomId: string, at: Date, reason: RoomEndReason): Promise<void>;
  /** Closed rooms: people let in besides the host and co-hosts. */
  allowedUserIds(roomId: string): Promise<string[]>;
  grantAccess(roomId: string, userId: string): Promise<void>;
  /** People who follow `userId`, and people `userId` follows. */
  followerIds(userId: string): Promise<string[]>;
  followingIds(userId: string): Promise<string[]>;
  /** People as cards show them; unknown ids are left out. */
  people(userIds: readonly string[]): Promise<PersonSummary[]>;
  saveRoomHost(roomId: string, hostId: string): Promise<void>;
  /** People the host has blocked: kept out of every room the host runs. */
  hostBlockedUserIds(hostId: string): Promise<string[]>;
  /** People removed "for good" from this room. */
  roomBannedUserIds(roomId: string): Promise<string[]>;
  banFromRoom(roomId: string, userId: string): Promise<void>;
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
  /** Every open connection of one person (all their tabs). */
  toUser<K extends ServerEventName>(userId: string, event: K, payload: ServerEventPayload<K>): void;
  /** Every connection watching the hallway. */
  toHallway<K extends ServerEventName>(event: K, payload: ServerEventPayload<K>): void;
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
