"use client";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { AdminRoom, AdminRoomSort } from "@/shared/protocol";
import { RoomStatsLink } from "@/features/room-stats/room-stats-link";

/** The pieces of a row of the console's live-room list: the reports badge, the actions, a sort header. */
export function ReportsBadge({ count, long = false }: { count: number; long?: boolean }) {
  const t = useTranslations("admin");
  const format = useFormatter();
  return (
    <span
      className={`inline-flex min-w-8 shrink-0 justify-center rounded-full px-2 py-0.5 text-sm font-semibold whitespace-nowrap ${
        count > 0 ? "bg-red-100 text-red-800" : "bg-stone-100 text-stone-500"
      }`}
      aria-label={t("liveRooms.reportsLastHour", { count })}
    >
      {long ? t("liveRooms.reportsBadge", { count }) : format.number(count)}
    </span>
  );
}

export function RowActions({ room, onEnd }: { room: AdminRoom; onEnd: () => void }) {
  const t = useTranslations("admin");
  return (
    <div className="flex gap-2">
      <Link
        href={`/admin/rooms/${encodeURIComponent(room.id)}/listen`}
        className="flex-1 rounded-full bg-ink px-4 py-2 text-center text-sm font-semibold whitespace-nowrap text-white hover:bg-black sm:flex-none"
      >
        {t("liveRooms.listenIn")}
      </Link>
      <RoomStatsLink
        roomId={room.id}
        short
        className="flex-1 rounded-full px-4 py-2 text-center text-sm font-semibold whitespace-nowrap text-ink ring-1 ring-stone-300 hover:bg-stone-50 sm:flex-none"
      />
      <button
        type="button"
        onClick={onEnd}
        className="flex-1 rounded-full px-4 py-2 text-sm font-semibold whitespace-nowrap text-red-700 ring-1 ring-red-200 hover:bg-red-50 sm:flex-none"
      >
        {t("liveRooms.endRoom")}
      </button>
    </div>
  );
}

export function SortButton({
  sort,
  current,
  onSort,
  children,
}: {
  sort: AdminRoomSort;
  current: AdminRoomSort;
  onSort: (sort: AdminRoomSort) => void;
  children: string;
}) {
  const active = sort === current;
  return (
    <button
      type="button"
      onClick={() => onSort(sort)}
      className={`inline-flex items-center gap-1 font-semibold tracking-wide uppercase ${active ? "text-ink" : "text-stone-500 hover:text-ink"}`}
    >
      {children}
      {active && <span aria-hidden="true">↓</span>}
    </button>
  );
}
