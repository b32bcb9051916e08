"use client";
import { useEffect, useRef } from "react";

/** Shown to a listener the host or a moderator invited on stage: their consent is the last step. */
export function InvitationBanner({ onAnswer }: { onAnswer: (accept: boolean) => void }) {
  // An alert dialog takes focus: a keyboard user answers it without hunting for it.
  const accept = useRef<HTMLButtonElement>(null);
  useEffect(() => accept.current?.focus(), []);
  return (
    <div
      role="alertdialog"
      aria-label="Invitation to speak"
      aria-describedby="invitation-details"
      className="mt-4 rounded-3xl bg-accent p-5 text-white shadow-lg"
    >
      <p className="text-lg font-semibold">You are invited to speak</p>
      <p id="invitation-details" className="mt-1 text-sm text-white/85">
        You will join the stage muted, and can unmute when you are ready.
      </p>
      <div className="mt-4 flex gap-3">
        <button
          ref={accept}
          type="button"
          onClick={() => onAnswer(true)}
          className="rounded-full bg-white px-5 py-2 font-semibold text-accent"
        >
          Join the stage
        </button>
        <button
          type="button"
          onClick={() => onAnswer(false)}
          className="rounded-full px-5 py-2 font-semibold text-white ring-1 ring-white/60"
        >
          Not now
        </button>
      </div>
    </div>
  );
}
