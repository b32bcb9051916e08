"use client";
import { useEffect, useRef, useState } from "react";
import { RoomStatsLink } from "@/features/room-stats/room-stats-link";

/**
 * The room's "more" menu (⋯): things one does rarely, like reporting the room. `statsRoomId` (the
 * host's): the room's stats, in a new tab, so the host stays in the room while looking.
 */
export function RoomMenu({
  onReport,
  statsRoomId,
}: {
  onReport: () => void;
  statsRoomId?: string | undefined;
}) {
  const [open, setOpen] = useState(false);
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (menu.current && event.target instanceof Node && !menu.current.contains(event.target))
        setOpen(false);
    };
    const escape = (event: KeyboardEvent) => event.key === "Escape" && setOpen(false);
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", escape);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", escape);
    };
  }, [open]);
  return (
    <div ref={menu} className="relative">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label="More room options"
        onClick={() => setOpen((value) => !value)}
        className="flex h-8 w-8 items-center justify-center rounded-full text-lg leading-none text-stone-600 ring-1 ring-stone-300 hover:bg-stone-50"
      >
        ⋯
      </button>
      {open && (
        <ul
          role="menu"
          className="absolute right-0 z-20 mt-2 w-44 overflow-hidden rounded-2xl bg-white py-1 shadow-lg ring-1 ring-black/10"
        >
          {statsRoomId && (
            <li role="none">
              <RoomStatsLink
                roomId={statsRoomId}
                role="menuitem"
                newTab
                onClick={() => setOpen(false)}
                className="block w-full px-4 py-2.5 text-left text-sm font-medium text-stone-800 hover:bg-stone-50"
              />
            </li>
          )}
          <li role="none">
            <button
              type="button"
              role="menuitem"
              onClick={() => {
                setOpen(false);
                onReport();
              }}
              className="w-full px-4 py-2.5 text-left text-sm font-medium text-red-700 hover:bg-stone-50"
            >
              Report room
            </button>
          </li>
        </ul>
      )}
    </div>
  );
}
