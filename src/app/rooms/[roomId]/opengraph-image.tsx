import { ImageResponse } from "next/og";
import { clip, PREVIEW_SIZE, PreviewCard } from "@/features/link-previews/preview-card";
import { roomLinkPreview, roomStatusLine } from "@/lib/link-previews";

export const size = PREVIEW_SIZE;
export const contentType = "image/png";
export const alt = "An audio room on Audio Rooms";

/** The room's card for chat apps: title, host and how many are in it now. Private rooms get a plain card. */
export default async function RoomPreviewImage({ params }: { params: Promise<{ roomId: string }> }) {
  const { roomId } = await params;
  const preview = await roomLinkPreview(roomId);
  return new ImageResponse(
    preview ? (
      <PreviewCard
        kicker={preview.status === "live" ? "LIVE" : preview.status === "scheduled" ? "SCHEDULED" : "ENDED"}
        live={preview.status === "live"}
        title={clip(preview.title, 90)}
        subtitle={`Hosted by ${clip(preview.hostName, 40)}`}
        footer={roomStatusLine(preview)}
      />
    ) : (
      <PreviewCard
        kicker="ROOM"
        live={false}
        title="Join the conversation"
        subtitle="Listen in one tap, raise your hand to speak."
        footer="Drop-in audio rooms"
      />
    ),
    size,
  );
}
