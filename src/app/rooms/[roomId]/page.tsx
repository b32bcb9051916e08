import type { Metadata } from "next";
import { RoomGate } from "@/features/room/room-gate";
import { roomLinkPreview, roomStatusLine } from "@/lib/link-previews";

type RoomPageProps = {
  params: Promise<{ roomId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** What a shared link unfurls to: only an open room says its title, host and live count. */
export async function generateMetadata({ params }: RoomPageProps): Promise<Metadata> {
  const { roomId } = await params;
  const preview = await roomLinkPreview(roomId);
  if (!preview) return { title: "A room on Audio Rooms", openGraph: { title: "A room on Audio Rooms" } };
  const title = `${preview.title} · hosted by ${preview.hostName}`;
  const description = [roomStatusLine(preview), preview.description].filter(Boolean).join(" — ");
  return {
    title,
    description,
    openGraph: { title, description, type: "website", siteName: "Audio Rooms" },
    twitter: { card: "summary_large_image", title, description },
  };
}

export default async function RoomPage({ params, searchParams }: RoomPageProps) {
  const { roomId } = await params;
  const { key, clip } = await searchParams;
  // A closed room's share link carries its key: /rooms/<id>?key=<secret>; a replay's clip its range.
  return (
    <RoomGate
      roomId={roomId}
      shareKey={typeof key === "string" ? key : undefined}
      clip={typeof clip === "string" ? clip : undefined}
    />
  );
}
