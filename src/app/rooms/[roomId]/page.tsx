import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import type { RoomLinkPreview } from "@/shared/protocol";
import { RoomGate } from "@/features/room/room-gate";
import { SCHEDULED_TIME_IN_UTC, roomLinkPreview } from "@/lib/link-previews";

type RoomPageProps = {
  params: Promise<{ roomId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** "Live now · 12 listening · 3 on stage", "Starts Fri, 5 Dec, 18:00 UTC", "This room has ended". */
async function statusLine(preview: RoomLinkPreview): Promise<string> {
  const t = await getTranslations("shell.preview");
  const format = await getFormatter();
  if (preview.status === "live")
    return t("live", { listeners: preview.listeners ?? 0, speakers: preview.speakers ?? 0 });
  if (preview.status === "scheduled" && preview.scheduledFor)
    return t("starts", {
      date: format.dateTime(new Date(preview.scheduledFor), SCHEDULED_TIME_IN_UTC),
    });
  return t("ended");
}

/** What a shared link unfurls to: only an open room says its title, host and live count. */
export async function generateMetadata({ params }: RoomPageProps): Promise<Metadata> {
  const { roomId } = await params;
  const t = await getTranslations("shell");
  const preview = await roomLinkPreview(roomId);
  if (!preview) return { title: t("preview.roomFallback"), openGraph: { title: t("preview.roomFallback") } };
  const title = t("preview.roomTitle", { title: preview.title, host: preview.hostName });
  const description = [await statusLine(preview), preview.description].filter(Boolean).join(" — ");
  return {
    title,
    description,
    openGraph: { title, description, type: "website", siteName: t("brand") },
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
