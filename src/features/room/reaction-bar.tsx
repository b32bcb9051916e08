"use client";

import { useState } from "react";
import { REACTION_EMOJI, type ReactionEmoji } from "@/shared/protocol";

const LABELS: Record<ReactionEmoji, string> = {
  "👏": "Applause",
  "❤️": "Love",
  "😂": "Laughing",
  "🔥": "Fire",
  "💯": "Hundred percent",
  "🙌": "Celebrate",
};

/**
 * The reactions anyone in the room can send: a row of emoji above the controls on desktop; on a
 * phone a single button that opens the row (and keeps it open for a burst of taps).
 */
export function ReactionBar({ onReact }: { onReact: (emoji: ReactionEmoji) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="fixed right-3 bottom-[calc(5.25rem+env(safe-area-inset-bottom))] z-40 flex items-center gap-2 sm:right-[max(1rem,calc(50vw-23rem))] lg:right-[calc(max(0px,50vw-36rem)+24.5rem)]">
      <div
        role="group"
        aria-label="Reactions"
        className={`${open ? "flex" : "hidden"} items-center gap-0.5 rounded-full border border-black/5 bg-white/95 px-1.5 py-1 shadow-lg backdrop-blur sm:flex`}
      >
        {REACTION_EMOJI.map((emoji) => (
          <button
            key={emoji}
            type="button"
            aria-label={`React: ${LABELS[emoji]}`}
            title={LABELS[emoji]}
            onClick={() => onReact(emoji)}
            className="font-emoji grid h-10 w-10 place-items-center rounded-full text-2xl transition hover:bg-stone-100 active:scale-90"
          >
            {emoji}
          </button>
        ))}
      </div>
      <button
        type="button"
        aria-expanded={open}
        aria-label={open ? "Close reactions" : "React"}
        onClick={() => setOpen((o) => !o)}
        className="font-emoji grid h-12 w-12 place-items-center rounded-full border border-black/5 bg-white text-2xl shadow-lg transition hover:bg-stone-50 sm:hidden"
      >
        {open ? <span className="text-lg font-semibold text-stone-600">✕</span> : "👏"}
      </button>
    </div>
  );
}
