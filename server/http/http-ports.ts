import type { CurrentUser, RoomSummary } from "../../src/shared/protocol";

/** People and their sign-in sessions, as the HTTP API needs them (implemented in server/db). */
export interface AccountStore {
  createUser(displayName: string): Promise<CurrentUser>;
  /** Returns the raw token once; only its hash is stored. */
  createSession(userId: string): Promise<{ token: string; expiresAt: Date }>;
  findUserBySessionToken(token: string): Promise<CurrentUser | null>;
  deleteSession(token: string): Promise<void>;
}

/** Rooms as the hallway and room header see them. */
export interface RoomDirectory {
  createRoom(input: { hostId: string; title: string }): Promise<RoomSummary>;
  findRoom(roomId: string): Promise<RoomSummary | null>;
  listLiveRooms(): Promise<RoomSummary[]>;
}
