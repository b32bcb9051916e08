import type { RoomSummary } from "../../src/shared/protocol";

export type { AccountStore, InviteStore, SocialStore } from "../accounts/account-ports";

/** Rooms as the hallway and room header see them. */
export interface RoomDirectory {
  createRoom(input: { hostId: string; title: string }): Promise<RoomSummary>;
  findRoom(roomId: string): Promise<RoomSummary | null>;
  listLiveRooms(): Promise<RoomSummary[]>;
}
