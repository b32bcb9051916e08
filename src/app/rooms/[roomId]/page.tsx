import type { Metadata } from "next";
import { RoomGate } from "@/features/room/room-gate";
import { roomLinkPreview } from "@/lib/link-previews";
import { roomLinkText } from "./room-link-text";

type RoomPageProps = {
  params: Promise<{ roomId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** What a shared link unfurls to: only an open room says its title, host and live count. */
export async function generateMetadata({ params }: RoomPageProps): Promise<Metadata> {
  const { roomId } = await params;
  const preview = await roomLinkPreview(roomId);
  const { t, statusLine } = await roomLinkText();
  if (!preview) return { title: t("genericTitle"), openGraph: { title: t("genericTitle") } };
  const title = t("title", { title: preview.title, host: preview.hostName });
  const description = [statusLine(preview), preview.description].filter(Boolean).join(" — ");
  return {
    title,
    description,
    openGraph: { title, description, type: "website", siteName: "Audio Rooms" },
    twitter: { card: "summary_large_image", title, description },
  };
}

export default async function RoomPage({ params, searchParams }: RoomPageProps) {
  const { roomId } = await params;
  const { key } = await searchParams;
  // A closed room's share link carries its key: /rooms/<id>?key=<secret>.
  return <RoomGate roomId={roomId} shareKey={typeof key === "string" ? key : undefined} />;
}
