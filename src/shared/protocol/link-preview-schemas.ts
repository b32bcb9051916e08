import { z } from "zod";
import { roomLifecycleSchema } from "./room-directory-schemas";

/**
 * What a shared link says about itself when a chat app unfurls it (Open Graph tags and the preview
 * image). Only what anyone may see without signing in: a social or closed room gives no preview
 * at all, so its title never leaves the server through a link.
 */
export const roomLinkPreviewSchema = z.object({
  title: z.string(),
  description: z.string(),
  hostName: z.string(),
  status: roomLifecycleSchema,
  /** People on stage and listening now; null unless the room is live. */
  speakers: z.number().int().nonnegative().nullable(),
  listeners: z.number().int().nonnegative().nullable(),
  scheduledFor: z.string().nullable(),
});
export type RoomLinkPreview = z.infer<typeof roomLinkPreviewSchema>;

export const profileLinkPreviewSchema = z.object({
  displayName: z.string(),
  username: z.string(),
  bio: z.string(),
  followers: z.number().int().nonnegative(),
  realNameVerified: z.boolean(),
});
export type ProfileLinkPreview = z.infer<typeof profileLinkPreviewSchema>;

/**
 * Handed by the custom server to the Next.js pages running in the same process (server/pages/
 * link-previews.ts publishes it on globalThis under this key; src/lib/link-previews.ts reads it).
 * Pages render metadata on the server, so this never reaches a browser.
 */
export interface LinkPreviewSource {
  room(roomId: string): Promise<unknown>;
  profile(username: string): Promise<unknown>;
}
export const LINK_PREVIEWS_KEY = Symbol.for("audio-rooms.link-previews");
