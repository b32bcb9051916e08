import type { SocialStore } from "../accounts/account-ports";

/** Whoever must hear that a person's block list grew: the live rooms that person hosts. */
export type HostBlockListener = { hostBlocksChanged(hostId: string): Promise<void> };

/**
 * The social store, telling the rooms of every block made on a profile. A host's blocks are read
 * when a room starts; without this, someone the host blocks during a live room could stay in it,
 * or walk back in, until the room ended. The block's answer waits for the rooms, so by the time
 * the host sees "blocked", the person is out.
 */
export function tellRoomsOfBlocks(social: SocialStore, rooms: HostBlockListener): SocialStore {
  return {
    ...social,
    async block(blockerId, username) {
      const outcome = await social.block(blockerId, username);
      if (outcome === "ok") await rooms.hostBlocksChanged(blockerId);
      return outcome;
    },
  };
}
