import { ImageResponse } from "next/og";
import { clip, PREVIEW_SIZE, PreviewCard } from "@/features/link-previews/preview-card";
import { profileLinkPreview } from "@/lib/link-previews";

export const size = PREVIEW_SIZE;
export const contentType = "image/png";
export const alt = "A profile on Audio Rooms";

export default async function ProfilePreviewImage({ params }: { params: Promise<{ username: string }> }) {
  const { username } = await params;
  const preview = await profileLinkPreview(decodeURIComponent(username));
  return new ImageResponse(
    <PreviewCard
      kicker={preview?.realNameVerified ? "VERIFIED" : "PROFILE"}
      live={false}
      title={preview ? clip(preview.displayName, 60) : "Audio Rooms"}
      subtitle={preview ? `@${preview.username}` : "Drop-in audio rooms"}
      footer={
        preview
          ? // English on purpose, like the room's card (src/lib/link-previews.ts: Latin-only font, no reader).
            `${preview.followers.toLocaleString("en")} ${preview.followers === 1 ? "follower" : "followers"}${preview.bio ? ` · ${clip(preview.bio, 70)}` : ""}`
          : "Listen in one tap, raise your hand to speak."
      }
    />,
    size,
  );
}
