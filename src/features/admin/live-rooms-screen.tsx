"use client";
import Link from "next/link";
import { RoomStatsLink } from "@/features/room-stats/room-stats-link";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { adminRoomsSchema, type AdminRoom, type AdminRoomSort } from "@/shared/protocol";
import { callApi } from "@/lib/api";
import { useErrorText } from "@/i18n/error-text";
import { AdminShell } from "./admin-shell";
import { EndRoomForm } from "./end-room-dialog";

const REFRESH_MS = 10_000;

const SORTS: AdminRoomSort[] = ["size", "reports", "age"];

type AdminT = ReturnType<typeof useTranslations<"admin">>;

/** How long a room has been live, in the console's few words ("12 min", "2 h 5 min"). */
function age(t: AdminT, ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return t("liveRooms.age.justNow");
  if (minutes < 60) return t("liveRooms.age.minutes", { minutes });
  return t("liveRooms.age.hours", { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

function ReportsBadge({ count, long = false }: { count: number; long?: boolean }) {
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

function RowActions({ room, onEnd }: { room: AdminRoom; onEnd: () => void }) {
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

function SortButton({
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

function LiveRooms() {
  const t = useTranslations("admin");
  const errorText = useErrorText();
  const [sort, setSort] = useState<AdminRoomSort>("size");
  const [rooms, setRooms] = useState<AdminRoom[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ending, setEnding] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await callApi("GET", `/api/admin/rooms?sort=${sort}`, adminRoomsSchema);
    if (result.ok) {
      setRooms(result.data.rooms);
      setError(null);
    } else setError(errorText(result.error));
  }, [sort, errorText]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  const ended = (room: AdminRoom) => {
    setEnding(null);
    setNotice(t("liveRooms.ended", { title: room.title }));
    void load();
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-stone-600">
          {rooms === null ? t("common.loading") : t("liveRooms.count", { count: rooms.length })}
        </p>
        <div className="flex items-center gap-1 rounded-full bg-white p-1 shadow-sm ring-1 ring-black/5 md:hidden">
          <span className="px-2 text-sm text-stone-500">{t("liveRooms.sort")}</span>
          {SORTS.map((option) => (
            <button
              key={option}
              type="button"
              onClick={() => setSort(option)}
              aria-pressed={sort === option}
              className={`rounded-full px-3 py-1 text-sm font-semibold ${
                sort === option ? "bg-ink text-white" : "text-stone-700"
              }`}
            >
              {t(`liveRooms.sorts.${option}`)}
            </button>
          ))}
        </div>
      </div>
      {notice && (
        <p role="status" className="rounded-2xl bg-green-50 px-4 py-3 text-sm text-green-800">
          {notice}
        </p>
      )}
      {error && (
        <p role="alert" className="rounded-2xl bg-red-50 px-4 py-3 text-sm text-red-800">
          {error}
        </p>
      )}
      {rooms?.length === 0 && (
        <p className="rounded-3xl bg-white p-8 text-center text-stone-600 shadow-sm ring-1 ring-black/5">
          {t("liveRooms.none")}
        </p>
      )}

      {rooms && rooms.length > 0 && (
        <>
          {/* Desktop: a sortable table. */}
          <div className="hidden overflow-hidden rounded-3xl bg-white shadow-sm ring-1 ring-black/5 md:block">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-stone-100 bg-stone-50 text-xs tracking-wide text-stone-500 uppercase">
                <tr>
                  <th className="px-5 py-3 font-semibold">{t("liveRooms.columns.room")}</th>
                  <th className="px-3 py-3 font-semibold">{t("liveRooms.columns.host")}</th>
                  <th className="px-3 py-3 text-right" aria-sort={sort === "size" ? "descending" : "none"}>
                    <SortButton sort="size" current={sort} onSort={setSort}>
                      {t("liveRooms.columns.people")}
                    </SortButton>
                  </th>
                  <th className="px-3 py-3 text-right" aria-sort={sort === "reports" ? "descending" : "none"}>
                    <SortButton sort="reports" current={sort} onSort={setSort}>
                      {t("liveRooms.columns.reports")}
                    </SortButton>
                  </th>
                  <th className="px-3 py-3 text-right" aria-sort={sort === "age" ? "descending" : "none"}>
                    <SortButton sort="age" current={sort} onSort={setSort}>
                      {t("liveRooms.columns.age")}
                    </SortButton>
                  </th>
                  <th className="px-5 py-3">
                    <span className="sr-only">{t("liveRooms.columns.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {rooms.map((room) => (
                  <tr key={room.id} className="align-middle" data-room-id={room.id}>
                    <td className="px-5 py-3">
                      <p className="max-w-[18rem] truncate font-semibold text-ink">{room.title}</p>
                      <p className="text-xs text-stone-500">{t(`liveRooms.types.${room.type}`)}</p>
                    </td>
                    <td className="max-w-[10rem] truncate px-3 py-3 text-stone-700">
                      {room.host.displayName}
                    </td>
                    <td className="px-3 py-3 text-right tabular-nums">
                      <span className="font-semibold">
                        {t("liveRooms.total", { total: room.counts.total })}
                      </span>
                      <span className="block text-xs text-stone-500">
                        {t("liveRooms.stageAudience", {
                          stage: room.counts.stage,
                          audience: room.counts.audience,
                        })}
                      </span>
                    </td>
                    <td className="px-3 py-3 text-right">
                      <ReportsBadge count={room.reportsLastHour} />
                    </td>
                    <td className="px-3 py-3 text-right whitespace-nowrap text-stone-700">
                      {age(t, room.ageMs)}
                    </td>
                    <td className="px-5 py-3">
                      {ending === room.id ? null : (
                        <div className="flex justify-end">
                          <RowActions room={room} onEnd={() => setEnding(room.id)} />
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {ending && rooms.some((room) => room.id === ending) && (
              <div className="border-t border-stone-100 p-4">
                {rooms
                  .filter((room) => room.id === ending)
                  .map((room) => (
                    <EndRoomForm
                      key={room.id}
                      roomId={room.id}
                      title={room.title}
                      onEnded={() => ended(room)}
                      onCancel={() => setEnding(null)}
                    />
                  ))}
              </div>
            )}
          </div>

          {/* Phone: one card per room. */}
          <ul className="space-y-3 md:hidden" aria-label={t("liveRooms.cards")}>
            {rooms.map((room) => (
              <li
                key={room.id}
                className="rounded-3xl bg-white p-4 shadow-sm ring-1 ring-black/5"
                data-room-id={room.id}
              >
                <div className="flex items-start justify-between gap-3">
                  <div className="min-w-0">
                    <p className="truncate font-semibold">{room.title}</p>
                    <p className="truncate text-sm text-stone-600">
                      {t("liveRooms.hostedBy", {
                        type: t(`liveRooms.types.${room.type}`),
                        host: room.host.displayName,
                      })}
                    </p>
                  </div>
                  <ReportsBadge count={room.reportsLastHour} long />
                </div>
                <p className="mt-2 text-sm text-stone-600">
                  {t.rich("liveRooms.cardCounts", {
                    total: room.counts.total,
                    stage: room.counts.stage,
                    audience: room.counts.audience,
                    age:
                      room.ageMs < 60_000
                        ? t("liveRooms.startedJustNow")
                        : t("liveRooms.liveFor", { age: age(t, room.ageMs) }),
                    strong: (chunks) => <strong className="text-ink">{chunks}</strong>,
                  })}
                </p>
                <div className="mt-3">
                  {ending === room.id ? (
                    <EndRoomForm
                      idPrefix="card-end"
                      roomId={room.id}
                      title={room.title}
                      onEnded={() => ended(room)}
                      onCancel={() => setEnding(null)}
                    />
                  ) : (
                    <RowActions room={room} onEnd={() => setEnding(room.id)} />
                  )}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** /admin: every live room, with Listen in and End room. */
export function LiveRoomsScreen() {
  const t = useTranslations("admin");
  return <AdminShell title={t("shell.sections.liveRooms")}>{() => <LiveRooms />}</AdminShell>;
}
