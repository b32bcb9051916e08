"use client";
import Link from "next/link";
import { RoomStatsLink } from "@/features/room-stats/room-stats-link";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { ListenState } from "@/shared/protocol";
import { Avatar } from "@/components/avatar";
import { HeadphonesIcon, MicIcon } from "@/components/icons";
import { useErrorText } from "@/i18n/error-text";
import { AdminShell } from "./admin-shell";
import { EndRoomForm } from "./end-room-dialog";
import { ListenInConnection, type ListenView } from "./listen-in-connection";

function Stage({ state }: { state: ListenState }) {
  const t = useTranslations("admin");
  if (state.stage.length === 0) return <p className="text-stone-500">{t("listen.nobodyOnStage")}</p>;
  return (
    <ul className="grid grid-cols-3 gap-4 sm:grid-cols-5" aria-label={t("listen.onStage")}>
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
                  title={t("listen.muted")}
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
              {member.role === "listener" ? null : t(`listen.roles.${member.role}`)}
              {speaking && <span className="text-live">{t("listen.speaking")}</span>}
            </p>
          </li>
        );
      })}
    </ul>
  );
}

function Listening({ roomId }: { roomId: string }) {
  const t = useTranslations("admin");
  const format = useFormatter();
  const router = useRouter();
  const connection = useRef<ListenInConnection | null>(null);
  const [view, setView] = useState<ListenView>({
    phase: "connecting",
    state: null,
    problem: null,
    needsTap: false,
  });
  // Plain strings, so the effect below restarts the connection only if the language changes.
  const errorText = useErrorText();
  const failed = t("listen.failed");
  const speakerFailed = t("listen.speakerFailed");
  const [volume, setVolume] = useState(100);
  const [ending, setEnding] = useState(false);

  useEffect(() => {
    const listen = new ListenInConnection(roomId, setView, { failed, speakerFailed, refusal: errorText });
    connection.current = listen;
    listen.start();
    return () => listen.close();
  }, [roomId, failed, speakerFailed, errorText]);

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
          <strong className="block">{t("listen.bannerTitle")}</strong>
          <span className="text-sm text-white/75">{t("listen.bannerBody")}</span>
        </span>
      </p>

      <section
        className="rounded-3xl bg-white p-5 shadow-sm ring-1 ring-black/5 sm:p-6"
        aria-label={t("listen.room")}
      >
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <p
              className={`flex items-center gap-1.5 text-xs font-semibold tracking-wider uppercase ${
                view.phase === "listening" ? "text-live" : "text-stone-500"
              }`}
            >
              {view.phase === "listening" && <span className="h-2 w-2 animate-pulse rounded-full bg-live" />}
              {view.phase === "ended"
                ? t("listen.phases.ended")
                : view.phase === "listening"
                  ? t("listen.phases.listening")
                  : view.phase === "refused"
                    ? t("listen.phases.refused")
                    : t("listen.phases.connecting")}
            </p>
            <h2
              className="mt-1 text-xl leading-tight font-bold break-words sm:text-2xl"
              data-testid="listen-title"
            >
              {state?.title ?? "…"}
            </h2>
            {state && (
              <p className="mt-1 text-sm text-stone-600" data-testid="listen-counts">
                {t("listen.counts", { stage: state.counts.stage, audience: state.counts.audience })}
                {state.counts.hands > 0 && t("listen.hands", { hands: state.counts.hands })}
              </p>
            )}
          </div>
          <div className="flex flex-col items-end gap-1">
            <Link href="/admin" className="text-sm font-semibold text-accent hover:underline">
              {t("listen.back")}
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
            {state?.endReason === "staff-ended" ? t("listen.endedByStaff") : t("listen.ended")}
          </p>
        )}
        {view.needsTap && (
          <button
            type="button"
            onClick={() => void connection.current?.resumeAudio()}
            className="mt-4 w-full rounded-full bg-accent px-5 py-3 font-semibold text-white"
          >
            {t("listen.tapToHear")}
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
          aria-label={t("listen.controls")}
        >
          <label className="flex flex-1 items-center gap-3 text-sm font-medium">
            {t("listen.volume")}
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
              aria-label={t("listen.volume")}
            />
            <span className="w-12 text-right tabular-nums">
              {format.number(volume / 100, { style: "percent" })}
            </span>
          </label>
          <div className="flex gap-2">
            <button
              type="button"
              onClick={leave}
              className="flex-1 rounded-full bg-ink px-5 py-2.5 text-sm font-semibold text-white hover:bg-black sm:flex-none"
            >
              {t("listen.leave")}
            </button>
            <button
              type="button"
              onClick={() => setEnding(true)}
              className="flex-1 rounded-full px-5 py-2.5 text-sm font-semibold text-red-700 ring-1 ring-red-200 hover:bg-red-50 sm:flex-none"
            >
              {t("listen.endRoom")}
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
  const t = useTranslations("admin");
  return <AdminShell title={t("shell.titles.listenIn")}>{() => <Listening roomId={roomId} />}</AdminShell>;
}
