"use client";
import Link from "next/link";
import { RoomStatsLink } from "@/features/room-stats/room-stats-link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { ListenState } from "@/shared/protocol";
import { Avatar } from "@/components/avatar";
import { HeadphonesIcon, MicIcon } from "@/components/icons";
import { AdminShell } from "./admin-shell";
import { EndRoomForm } from "./end-room-dialog";
import { ListenInConnection, type ListenView } from "./listen-in-connection";

const ROLE_LABEL = { host: "Host", moderator: "Mod", speaker: "Speaker", listener: "" } as const;

function Stage({ state }: { state: ListenState }) {
  if (state.stage.length === 0) return <p className="text-stone-500">Nobody is on stage.</p>;
  return (
    <ul className="grid grid-cols-3 gap-4 sm:grid-cols-5" aria-label="On stage">
      {state.stage.map((member) => {
        const speaking = state.activeSpeakerId === member.userId && !member.muted;
        return (
          <li
            key={member.userId}
            className="flex flex-col items-center text-center"
            data-testid="listen-stage-member"
            data-speaking={speaking}
          >
            <div className="relative">
              <Avatar
                id={member.userId}
                name={member.displayName}
                src={member.avatarUrl}
                size="md"
                speaking={speaking}
              />
              {member.muted && (
                <span
                  title="Muted"
                  className="absolute -right-1 -bottom-1 flex h-6 w-6 items-center justify-center rounded-full bg-white shadow ring-1 ring-black/10"
                >
                  <MicIcon off className="h-3.5 w-3.5 text-red-600" />
                </span>
              )}
            </div>
            <p className="mt-1.5 line-clamp-2 text-sm leading-tight font-medium break-words">
              {member.displayName}
            </p>
            <p className="text-xs font-semibold text-accent">
              {ROLE_LABEL[member.role]}
              {speaking && <span className="text-live"> · speaking</span>}
            </p>
          </li>
        );
      })}
    </ul>
  );
}

function Listening({ roomId }: { roomId: string }) {
  const router = useRouter();
  const connection = useRef<ListenInConnection | null>(null);
  const [view, setView] = useState<ListenView>({
    phase: "connecting",
    state: null,
    problem: null,
    needsTap: false,
  });
  const [volume, setVolume] = useState(100);
  const [ending, setEnding] = useState(false);

  useEffect(() => {
    const listen = new ListenInConnection(roomId, setView);
    connection.current = listen;
    listen.start();
    return () => listen.close();
  }, [roomId]);

  const state = view.state;
  const leave = () => {
    connection.current?.close();
    router.push("/admin");
  };

  return (
    <div className="space-y-4">
      <p
        role="status"
        className="flex items-start gap-3 rounded-3xl bg-ink px-5 py-4 text-white shadow-sm"
        data-testid="listen-banner"
      >
        <HeadphonesIcon className="mt-0.5 h-5 w-5 shrink-0" />
        <span>
          <strong className="block">Listening silently — members do not see you</strong>
          <span className="text-sm text-white/75">
            You are not in the audience, the counts or any member&apos;s view, and you cannot speak. This
            listen-in is recorded in the audit log.
          </span>
        </span>
      </p>

      <section className="rounded-3xl bg-white p-5 shadow-sm ring-1 ring-black/5 sm:p-6" aria-label="Room">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <p
              className={`flex items-center gap-1.5 text-xs font-semibold tracking-wider uppercase ${
                view.phase === "listening" ? "text-live" : "text-stone-500"
              }`}
            >
              {view.phase === "listening" && <span className="h-2 w-2 animate-pulse rounded-full bg-live" />}
              {view.phase === "ended"
                ? "Ended"
                : view.phase === "listening"
                  ? "Live"
                  : view.phase === "refused"
                    ? "Not available"
                    : "Connecting…"}
            </p>
            <h2
              className="mt-1 text-xl leading-tight font-bold break-words sm:text-2xl"
              data-testid="listen-title"
            >
              {state?.title ?? "…"}
            </h2>
            {state && (
              <p className="mt-1 text-sm text-stone-600" data-testid="listen-counts">
                {state.counts.stage} on stage · {state.counts.audience} listening
                {state.counts.hands > 0 && ` · ${state.counts.hands} hands up`}
              </p>
            )}
          </div>
          <div className="flex flex-col items-end gap-1">
            <Link href="/admin" className="text-sm font-semibold text-accent hover:underline">
              ← Live rooms
            </Link>
            <RoomStatsLink roomId={roomId} className="text-sm font-semibold text-accent hover:underline" />
          </div>
        </div>

        {view.problem && view.phase !== "ended" && (
          <p role="alert" className="mt-4 rounded-2xl bg-red-50 px-4 py-3 text-sm text-red-800">
            {view.problem}
          </p>
        )}
        {view.phase === "ended" && (
          <p role="status" className="mt-4 rounded-2xl bg-stone-100 px-4 py-3 text-sm text-stone-700">
            This room has ended{state?.endReason === "staff-ended" ? " (ended by the moderators)" : ""}.
          </p>
        )}
        {view.needsTap && (
          <button
            type="button"
            onClick={() => void connection.current?.resumeAudio()}
            className="mt-4 w-full rounded-full bg-accent px-5 py-3 font-semibold text-white"
          >
            Tap to hear the room
          </button>
        )}

        {state && view.phase !== "ended" && (
          <div className="mt-5">
            <Stage state={state} />
          </div>
        )}
      </section>

      {view.phase !== "ended" && view.phase !== "refused" && (
        <section
          className="flex flex-col gap-4 rounded-3xl bg-white p-5 shadow-sm ring-1 ring-black/5 sm:flex-row sm:items-center"
          aria-label="Listening controls"
        >
          <label className="flex flex-1 items-center gap-3 text-sm font-medium">
            Volume
            <input
              type="range"
              min={0}
              max={100}
              value={volume}
              onChange={(e) => {
                const next = Number(e.target.value);
                setVolume(next);
                connection.current?.setVolume(next / 100);
              }}
              className="flex-1 accent-ink"
              aria-label="Volume"
            />
            <span className="w-10 text-right tabular-nums">{volume}%</span>
          </label>
          <div className="flex gap-2">
            <button
              type="button"
              onClick={leave}
              className="flex-1 rounded-full bg-ink px-5 py-2.5 text-sm font-semibold text-white hover:bg-black sm:flex-none"
            >
              Leave
            </button>
            <button
              type="button"
              onClick={() => setEnding(true)}
              className="flex-1 rounded-full px-5 py-2.5 text-sm font-semibold text-red-700 ring-1 ring-red-200 hover:bg-red-50 sm:flex-none"
            >
              End room
            </button>
          </div>
        </section>
      )}
      {ending && state && view.phase !== "ended" && (
        <EndRoomForm
          roomId={roomId}
          title={state.title}
          onEnded={() => setEnding(false)}
          onCancel={() => setEnding(false)}
        />
      )}
    </div>
  );
}

/** /admin/rooms/[roomId]/listen: hear a live room silently. */
export function ListenInScreen({ roomId }: { roomId: string }) {
  return <AdminShell title="Listen in">{() => <Listening roomId={roomId} />}</AdminShell>;
}
