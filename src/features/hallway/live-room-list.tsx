"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { liveRoomsSchema, type RoomSummary } from "@/shared/protocol";
import { callApi } from "@/lib/api";
import { Avatar } from "@/components/avatar";

/** Live rooms, refreshed every few seconds (a live-updating hallway is its own issue). */
export function LiveRoomList() {
  const [rooms, setRooms] = useState<RoomSummary[] | null>(null);
  useEffect(() => {
    let active = true;
    const load = () =>
      void callApi("GET", "/api/rooms", liveRoomsSchema).then((result) => {
        if (active && result.ok) setRooms(result.data.rooms);
      });
    load();
    const timer = setInterval(load, 5000);
    return () => {
      active = false;
      clearInterval(timer);
    };
  }, []);

  if (rooms === null) return <p className="px-1 text-sm text-stone-500">Loading rooms…</p>;
  if (rooms.length === 0)
    return (
      <div className="rounded-3xl border border-dashed border-stone-300 p-8 text-center text-stone-600">
        <p className="font-medium">No rooms are live right now.</p>
        <p className="mt-1 text-sm">Start one above — people can drop in with one tap.</p>
      </div>
    );
  return (
    <ul className="space-y-3" aria-label="Live rooms">
      {rooms.map((room) => (
        <li key={room.id}>
          <Link href={`/rooms/${room.id}`} className="flex items-center gap-4 rounded-3xl bg-white p-4 shadow-sm ring-1 ring-black/5 transition hover:ring-accent/40">
            <Avatar id={room.hostId} name={room.hostName} size="sm" />
            <div className="min-w-0 flex-1">
              <p className="truncate font-semibold">{room.title}</p>
              <p className="truncate text-sm text-stone-600">Hosted by {room.hostName}</p>
            </div>
            <span className="flex items-center gap-1.5 rounded-full bg-green-50 px-3 py-1 text-xs font-semibold text-live">
              <span className="h-2 w-2 rounded-full bg-live" /> Live
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
