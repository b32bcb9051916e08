import type { RoomType } from "../../src/shared/protocol";
import {
  decideRoomAccess,
  type AccessDecision,
  type RoomAccessPolicy,
  type RoomPresence,
} from "../domain/room-access";
import { RoomError, type RoomStore } from "./room-ports";

/** Who is asking to enter: the session's person, and a share key if they came by the link. */
export type Entrant = { userId: string; isGuest: boolean; shareKey?: string | undefined };

/**
 * The door of one live room: gathers the facts the pure rule needs (who follows the entrant, the
 * allow list, the share key) and remembers who was let in by the link, so they keep access.
 */
export class RoomAdmission {
  private readonly allowed: Set<string>;

  constructor(
    private readonly roomId: string,
    private readonly settings: {
      type: RoomType;
      hostId: () => string;
      coHostIds: readonly string[];
      shareKey: string | null;
    },
    allowedUserIds: readonly string[],
    private readonly blockedUserIds: () => readonly string[],
    private readonly store: Pick<RoomStore, "followerIds" | "grantAccess">,
  ) {
    this.allowed = new Set(allowedUserIds);
  }

  /** The policy as the pure rule sees it right now (the host may have changed since the start). */
  policy(): RoomAccessPolicy {
    return {
      type: this.settings.type,
      hostId: this.settings.hostId(),
      coHostIds: this.settings.coHostIds,
      allowedUserIds: [...this.allowed],
      blockedUserIds: this.blockedUserIds(),
    };
  }

  /** Decides entry; a social room looks up who follows the entrant only when it has to. */
  async decide(entrant: Entrant, presence: RoomPresence): Promise<AccessDecision> {
    const needsFollowers = this.settings.type === "social" && !entrant.isGuest;
    const followerIds = needsFollowers
      ? new Set(await this.store.followerIds(entrant.userId))
      : new Set<string>();
    const hasShareKey = this.settings.shareKey !== null && entrant.shareKey === this.settings.shareKey;
    return decideRoomAccess(this.policy(), presence, {
      userId: entrant.userId,
      isGuest: entrant.isGuest,
      followerIds,
      hasShareKey,
    });
  }

  /**
   * Lets the entrant in or refuses them (`forbidden`, with the rule's reason). Someone who came by
   * the share link keeps access from then on.
   */
  async admit(entrant: Entrant, presence: RoomPresence): Promise<void> {
    const decision = await this.decide(entrant, presence);
    if (!decision.ok) throw new RoomError("forbidden", decision.message);
    if (decision.via === "share-link") await this.grant(entrant.userId);
  }

  /** Lets someone into a closed room for good (the link, or a host's ping). Idempotent. */
  async grant(userId: string): Promise<void> {
    if (this.allowed.has(userId)) return;
    await this.store.grantAccess(this.roomId, userId);
    this.allowed.add(userId);
  }
}
