"use client";
import { useEffect, useState } from "react";
import type { Member } from "@/shared/protocol";
import { Avatar } from "@/components/avatar";

function waited(since: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - since) / 1000));
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
}

/** For hosts and moderators: raised hands in order, with how long each has waited. */
export function HandQueuePanel({
  queue,
  handRaisingEnabled,
  canToggle,
  stageFull,
  onInvite,
  onToggle,
}: {
  queue: Member[];
  handRaisingEnabled: boolean;
  canToggle: boolean;
  stageFull: boolean;
  onInvite: (userId: string) => void;
  onToggle: (enabled: boolean) => void;
}) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <section aria-label="Raised hands" className="mt-6 rounded-3xl bg-amber-50 p-4 ring-1 ring-amber-200/60">
      <div className="flex items-center justify-between gap-3">
        <h2 className="font-semibold">Raised hands ({queue.length})</h2>
        {canToggle && (
          <label className="flex items-center gap-2 text-sm text-stone-700">
            <input
              type="checkbox"
              checked={handRaisingEnabled}
              onChange={(event) => onToggle(event.target.checked)}
              className="h-4 w-4 accent-accent"
            />
            Hand raising
          </label>
        )}
      </div>
      {!handRaisingEnabled && (
        <p className="mt-2 text-sm text-stone-600">Hand raising is off for this room.</p>
      )}
      {queue.length === 0 && handRaisingEnabled && (
        <p className="mt-2 text-sm text-stone-600">
          No hands up. Listeners can raise a hand to ask to speak.
        </p>
      )}
      <ol className="mt-2 space-y-2">
        {queue.map((member) => (
          <li
            key={member.userId}
            className="flex items-center gap-3 rounded-2xl bg-white p-2.5 shadow-sm"
            data-testid="raised-hand"
            data-user-id={member.userId}
          >
            <Avatar id={member.userId} name={member.displayName} size="sm" />
            <div className="min-w-0 flex-1">
              <p className="truncate font-medium">{member.displayName}</p>
              <p className="text-xs text-stone-500">
                {member.invitedAt !== null
                  ? "Invited, waiting for an answer"
                  : `waiting ${waited(member.handRaisedAt ?? now, now)}`}
              </p>
            </div>
            {member.invitedAt === null && (
              <button
                type="button"
                disabled={stageFull}
                onClick={() => onInvite(member.userId)}
                className="shrink-0 rounded-full bg-ink px-4 py-1.5 text-sm font-semibold whitespace-nowrap text-white disabled:opacity-40"
                title={stageFull ? "The stage is full" : undefined}
                aria-label="Invite to speak"
              >
                Invite<span className="hidden sm:inline"> to speak</span>
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
