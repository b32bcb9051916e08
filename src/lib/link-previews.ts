// Read by pages on the server only (metadata and preview images); never by client components.
import {
  LINK_PREVIEWS_KEY,
  profileLinkPreviewSchema,
  roomLinkPreviewSchema,
  type LinkPreviewSource,
  type ProfileLinkPreview,
  type RoomLinkPreview,
} from "@/shared/protocol";

function isSource(value: unknown): value is LinkPreviewSource {
  return (
    typeof value === "object" &&
    value !== null &&
    "room" in value &&
    typeof value.room === "function" &&
    "profile" in value &&
    typeof value.profile === "function"
  );
}

/** The source the custom server published, or null (e.g. `next build` prerendering, no server). */
function source(): LinkPreviewSource | null {
  const value: unknown = Reflect.get(globalThis, LINK_PREVIEWS_KEY);
  return isSource(value) ? value : null;
}

/** What a link to this room may show, or null (private, unknown, or no server). */
export async function roomLinkPreview(roomId: string): Promise<RoomLinkPreview | null> {
  const found = await source()?.room(roomId);
  const parsed = roomLinkPreviewSchema.nullable().safeParse(found ?? null);
  return parsed.success ? parsed.data : null;
}

export async function profileLinkPreview(username: string): Promise<ProfileLinkPreview | null> {
  const found = await source()?.profile(username);
  const parsed = profileLinkPreviewSchema.nullable().safeParse(found ?? null);
  return parsed.success ? parsed.data : null;
}

/**
 * "12 listening · 3 on stage", "Starts Fri, 5 Dec, 18:00 UTC", "Ended": in English on purpose, for
 * the preview image (its bundled font has no CJK glyphs, and a chat app's crawler has no reader's
 * language). The page's metadata says the same in the reader's language (rooms/[roomId]/page.tsx).
 */
/** A scheduled room's start in a link preview: the server does not know the reader's clock, so UTC, saying so. */
export const SCHEDULED_TIME_IN_UTC = {
  weekday: "short",
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
} as const satisfies Intl.DateTimeFormatOptions;

export function roomStatusLine(preview: RoomLinkPreview): string {
  if (preview.status === "live") {
    const listening = preview.listeners ?? 0;
    const stage = preview.speakers ?? 0;
    return `Live now · ${listening.toLocaleString("en")} listening · ${stage.toLocaleString("en")} on stage`;
  }
  if (preview.status === "scheduled" && preview.scheduledFor)
    return `Starts ${new Date(preview.scheduledFor).toLocaleString("en", SCHEDULED_TIME_IN_UTC)}`;
  return "This room has ended";
}
