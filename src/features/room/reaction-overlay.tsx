"use client";

import { useEffect, useRef, useState, type CSSProperties } from "react";
import { REACTION_EMOJI, type ReactionCounts } from "@/shared/protocol";
import { addCounts, FLOAT_MS, planFloats, type Float } from "./reaction-floats";
import { useReducedMotion } from "./use-reduced-motion";

/** Where one emoji starts and how far it drifts sideways (the animation reads `--drift`). */
function floatStyle(f: Float): CSSProperties & Record<"--drift", string> {
  return {
    left: `${Math.round(f.x * 55)}%`,
    animationDelay: `${f.delayMs}ms`,
    "--drift": `${Math.round((f.x - 0.5) * 40)}px`,
  };
}

/** How long the reduced-motion counter stays after the last reactions arrived. */
const COUNTER_MS = 2500;

/**
 * The room's reactions on screen: each window's counts become emoji floating up the right edge
 * (at most MAX_FLOATING at once), or, for people who asked for less motion, a small counter that
 * adds the windows up and goes away after a moment. Never takes a tap (pointer-events-none).
 */
export function ReactionOverlay({
  subscribe,
}: {
  subscribe: (listener: (counts: ReactionCounts) => void) => () => void;
}) {
  const reduced = useReducedMotion();
  const [floats, setFloats] = useState<Float[]>([]);
  const [tally, setTally] = useState<ReactionCounts>({});
  const nextId = useRef(1);
  const onScreen = useRef(0);
  const counterTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const unsubscribe = subscribe((counts) => {
      if (reduced) {
        setTally((showing) => addCounts(showing, counts));
        if (counterTimer.current) clearTimeout(counterTimer.current);
        counterTimer.current = setTimeout(() => setTally({}), COUNTER_MS);
        return;
      }
      const added = planFloats(counts, onScreen.current, nextId.current);
      if (added.length === 0) return;
      nextId.current += added.length;
      onScreen.current += added.length;
      setFloats((current) => [...current, ...added]);
      const ids = new Set(added.map((f) => f.id));
      const timer = setTimeout(() => {
        timers.delete(timer);
        onScreen.current -= ids.size;
        setFloats((current) => current.filter((f) => !ids.has(f.id)));
      }, FLOAT_MS + 450);
      timers.add(timer);
    });
    return () => {
      unsubscribe();
      for (const timer of timers) clearTimeout(timer);
      if (counterTimer.current) clearTimeout(counterTimer.current);
      onScreen.current = 0;
    };
  }, [subscribe, reduced]);

  const counted = REACTION_EMOJI.filter((emoji) => (tally[emoji] ?? 0) > 0);
  return (
    <div
      aria-hidden="true"
      className="pointer-events-none fixed right-2 bottom-36 z-30 h-[55vh] w-28 sm:right-[max(1rem,calc(50vw-23rem))] sm:w-36 lg:right-[calc(max(0px,50vw-36rem)+24.5rem)]"
    >
      {floats.map((f) => (
        <span
          key={f.id}
          data-testid="reaction-float"
          data-emoji={f.emoji}
          className="reaction-float font-emoji absolute bottom-0 text-3xl opacity-0 drop-shadow-sm select-none"
          style={floatStyle(f)}
        >
          {f.emoji}
        </span>
      ))}
      {counted.length > 0 && (
        <div
          data-testid="reaction-counter"
          className="absolute right-0 bottom-0 flex flex-wrap justify-end gap-1 rounded-2xl bg-white/95 px-3 py-2 text-sm font-semibold text-stone-800 shadow-md"
        >
          {counted.map((emoji) => (
            <span key={emoji} data-emoji={emoji} data-count={tally[emoji]}>
              <span className="font-emoji">{emoji}</span> {tally[emoji]}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
