import { getFormatter, getTranslations } from "next-intl/server";
import type { RoomLinkPreview } from "@/shared/protocol";

/**
 * A shared room link's words (page metadata and preview image) in the language of the request
 * that fetched it: "Live now · 12 listening · 3 on stage", "Starts Fri, 5 Dec, 18:00 UTC", "ended".
 */
export async function roomLinkText() {
  const t = await getTranslations("room.metadata");
  const format = await getFormatter();
  const statusLine = (preview: RoomLinkPreview): string => {
    if (preview.status === "live")
      return t("liveNow", { listeners: preview.listeners ?? 0, speakers: preview.speakers ?? 0 });
    if (preview.status === "scheduled" && preview.scheduledFor)
      return t("starts", {
        when: format.dateTime(new Date(preview.scheduledFor), {
          weekday: "short",
          day: "numeric",
          month: "short",
          hour: "2-digit",
          minute: "2-digit",
          // A crawler has no time zone of its own: say the time in UTC, and say so.
          timeZone: "UTC",
          timeZoneName: "short",
        }),
      });
    return t("endedLine");
  };
  return { t, statusLine };
}
