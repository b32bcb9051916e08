"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";

/** Where a room's stats live. */
export const roomStatsHref = (roomId: string) => `/rooms/${encodeURIComponent(roomId)}/stats`;

/**
 * The one way every page links to a room's stats (room menu, ended room, console), labelled in
 * the reader's language. `newTab`: the host keeps their room open while they look.
 */
export function RoomStatsLink({
  roomId,
  className,
  short = false,
  newTab = false,
  role,
  onClick,
}: {
  roomId: string;
  className: string;
  short?: boolean;
  newTab?: boolean;
  role?: "menuitem";
  onClick?: () => void;
}) {
  const t = useTranslations("roomStats");
  return (
    <Link
      href={roomStatsHref(roomId)}
      className={className}
      role={role}
      onClick={onClick}
      {...(newTab ? { target: "_blank", rel: "noopener" } : {})}
    >
      {short ? t("linkShort") : t("link")}
    </Link>
  );
}
