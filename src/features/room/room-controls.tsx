"use client";
import { useState } from "react";
import { HandIcon, HeadphonesIcon, LeaveIcon, MicIcon } from "@/components/icons";
import { EndRoomConfirm } from "./end-room-confirm";

type Props = {
  onStage: boolean;
  /** Listeners' hand: null when they cannot raise one (guest, or hand raising off). */
  hand: "raised" | "down" | null;
  onToggleHand: () => void;
  muted: boolean;
  isHost: boolean;
  onToggleMute: () => void;
  onLeave: () => void;
  onEnd: () => void;
  /** Everyone in the room, for the end confirmation's "N people are here". */
  memberCount: number;
};

/** The bar at the bottom of the room: leave quietly, and for people on stage the microphone. */
export function RoomControls({
  onStage,
  hand,
  onToggleHand,
  muted,
  isHost,
  onToggleMute,
  onLeave,
  onEnd,
  memberCount,
}: Props) {
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  return (
    <>
      <div className="fixed inset-x-0 bottom-0 border-t border-black/5 bg-white/90 pb-[env(safe-area-inset-bottom)] backdrop-blur">
        <div className="mx-auto flex max-w-3xl items-center lg:max-w-6xl lg:pr-[25.5rem] justify-between gap-3 px-4 py-3">
          <button
            type="button"
            onClick={onLeave}
            className="flex items-center gap-2 rounded-full bg-stone-100 px-4 py-2.5 font-semibold whitespace-nowrap text-red-700 transition hover:bg-stone-200 sm:px-5"
            aria-label="Leave quietly"
          >
            <LeaveIcon className="h-4 w-4" /> Leave<span className="hidden sm:inline"> quietly</span>
          </button>
          <div className="flex items-center gap-2">
            {isHost && (
              <button
                type="button"
                onClick={() => setConfirmingEnd(true)}
                className="rounded-full px-3 py-2.5 text-sm font-semibold whitespace-nowrap text-stone-600 transition hover:bg-stone-100 sm:px-4"
              >
                End room
              </button>
            )}
            {onStage ? (
              <button
                type="button"
                onClick={onToggleMute}
                aria-pressed={!muted}
                className={`flex items-center gap-2 rounded-full px-5 py-2.5 font-semibold whitespace-nowrap text-white transition sm:px-6 ${muted ? "bg-ink hover:bg-black" : "bg-live hover:bg-green-700"}`}
              >
                <MicIcon off={muted} className="h-4 w-4" /> {muted ? "Unmute" : "Mute"}
              </button>
            ) : hand ? (
              <button
                type="button"
                onClick={onToggleHand}
                aria-pressed={hand === "raised"}
                className={`flex items-center gap-2 rounded-full px-5 py-2.5 font-semibold whitespace-nowrap transition ${hand === "raised" ? "bg-amber-300 text-amber-950 hover:bg-amber-200" : "bg-ink text-white hover:bg-black"}`}
              >
                <HandIcon className="h-4 w-4" /> {hand === "raised" ? "Lower hand" : "Raise hand"}
              </button>
            ) : (
              <span className="flex items-center gap-2 text-sm text-stone-500">
                <HeadphonesIcon className="h-4 w-4" /> Listening
              </span>
            )}
          </div>
        </div>
      </div>
      {/* Outside the bar: its backdrop blur would make it the containing block of a fixed dialog. */}
      {confirmingEnd && (
        <EndRoomConfirm
          memberCount={memberCount}
          onCancel={() => setConfirmingEnd(false)}
          onConfirm={() => {
            setConfirmingEnd(false);
            onEnd();
          }}
        />
      )}
    </>
  );
}
