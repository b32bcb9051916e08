import {
  LINK_PREVIEWS_KEY,
  type LinkPreviewSource,
  type ProfileLinkPreview,
  type RoomLinkPreview,
} from "../../src/shared/protocol";
import type { SocialStore } from "../accounts/account-ports";
import type { Logger } from "../logging/logger";
import { guestViewer, type RoomDirectory } from "../rooms/room-directory";
import type { RoomRegistry } from "../rooms/room-registry";

/**
 * Gives the Next.js pages (same process) what a shared link may say about a room or a person:
 * exactly what a signed-out visitor could see. The room goes through the same door as
 * GET /api/rooms/:id for a guest, so a social or closed room has no preview.
 */
export function publishLinkPreviews(deps: {
  directory: RoomDirectory;
  registry: RoomRegistry;
  social: Pick<SocialStore, "profile">;
  logger: Logger;
}): void {
  const source: LinkPreviewSource = {
    async room(roomId): Promise<RoomLinkPreview | null> {
      try {
        const details = await deps.directory.details(roomId, guestViewer());
        if (details.type !== "open") return null;
        const running = details.status === "live" ? await deps.registry.peek(roomId) : undefined;
        const counts = running?.counts();
        return {
          title: details.title,
          description: details.description,
          hostName: details.host.displayName,
          status: details.status,
          speakers: counts ? counts.stage : null,
          listeners: counts ? counts.audience : null,
          scheduledFor: details.scheduledFor,
        };
      } catch (error) {
        // not_found and forbidden are the common answers (a wrong link, a private room).
        deps.logger.debug({ err: error, roomId }, "no link preview for this room");
        return null;
      }
    },
    async profile(username): Promise<ProfileLinkPreview | null> {
      const profile = await deps.social.profile(username.toLowerCase(), null);
      if (!profile) return null;
      return {
        displayName: profile.displayName,
        username: profile.username,
        bio: profile.bio,
        followers: profile.followers,
        realNameVerified: profile.realNameVerified,
      };
    },
  };
  Reflect.set(globalThis, LINK_PREVIEWS_KEY, source);
}
