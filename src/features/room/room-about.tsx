"use client";
import { useTranslations } from "next-intl";
import type { RoomDetails } from "@/shared/protocol";
import { ShareLinkButton } from "@/features/scheduling/share-link-button";

/** The room's description, type and topics, under its title. */
export function RoomAbout({ details }: { details: RoomDetails }) {
  const t = useTranslations("room.about");
  const type = details.type === "open" ? null : details.type === "social" ? t("social") : t("closed");
  if (!details.description && !type && details.topics.length === 0) return null;
  return (
    <div className="mt-2 space-y-3">
      {details.description && <p className="text-stone-600">{details.description}</p>}
      {(type || details.topics.length > 0) && (
        <p className="flex flex-wrap gap-1.5 text-xs">
          {type && (
            <span className="rounded-full bg-stone-800 px-2.5 py-1 font-semibold text-white">{type}</span>
          )}
          {details.topics.map((topic) => (
            <span key={topic} className="rounded-full bg-stone-100 px-2.5 py-1 text-stone-600">
              #{topic}
            </span>
          ))}
        </p>
      )}
      {details.shareKey && (
        // Only the host and co-hosts get the key: anyone signed in who opens this link is let in.
        <div className="flex flex-wrap items-center gap-3 rounded-2xl bg-stone-50 p-3 text-sm text-stone-600">
          <span className="min-w-0 flex-1">{t("keyHint")}</span>
          <ShareLinkButton
            path={`/rooms/${encodeURIComponent(details.id)}?key=${encodeURIComponent(details.shareKey)}`}
          />
        </div>
      )}
    </div>
  );
}
