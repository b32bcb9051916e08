import type { HostedRoomCounts } from "../domain/room-quota";

/** What room quotas need of storage; implemented over the rooms repository (server/db). */
export interface RoomQuotaStore {
  /**
   * Rooms `hostId` hosts now: live ones, and scheduled ones announced for `scheduledSince` or later
   * (older announcements nobody started are no longer listed anywhere, so they hold no place).
   */
  hostedRoomCounts(hostId: string, scheduledSince: Date): Promise<HostedRoomCounts>;
}
