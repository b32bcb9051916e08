"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { HallwayRoom } from "@/shared/protocol";
import { Avatar } from "@/components/avatar";
import { HeadphonesIcon, MicIcon } from "@/components/icons";
import { VerifiedBadge } from "@/features/accounts/verified-badge";
import { RecordingChip } from "@/features/recording/recording-strip";

const TYPE_LABEL = { open: null, social: "social", closed: "closed" } as const;

/** One live room in the hallway: the whole card is the one-tap way in. */
export function RoomCard({ room }: { room: HallwayRoom }) {
  const t = useTranslations("hallway.card");
  const faces = room.speakers.slice(0, 4);
  const moreOnStage = room.speakerCount - faces.length;
  const typeLabel = TYPE_LABEL[room.type];
  return (
    // Named by its content (no aria-label: the name must hold the visible text), title first so
    // the name starts "Join <title>"; the badge row is drawn above it with `-order-1`.
    <Link
      href={`/rooms/${room.id}`}
      data-room-id={room.id}
      className="flex flex-col rounded-3xl bg-white p-4 shadow-sm ring-1 ring-black/5 transition hover:ring-accent/40 sm:p-5"
    >
      <h3 className="mt-2 text-lg leading-snug font-bold">
        {t.rich("join", { title: room.title, hidden: (chunks) => <span className="sr-only">{chunks}</span> })}
      </h3>
      <div className="-order-1 flex items-center gap-2 text-xs font-semibold">
        <span className="flex items-center gap-1.5 rounded-full bg-green-50 px-2.5 py-1 text-live">
          <span className="h-2 w-2 animate-pulse rounded-full bg-live" /> {t("live")}
        </span>
        {room.recording && <RecordingChip />}
        {typeLabel && (
          <span className="rounded-full bg-stone-100 px-2.5 py-1 text-stone-600">{t(typeLabel)}</span>
        )}
        {room.followedSpeakerCount > 0 && (
          <span className="rounded-full bg-accent/10 px-2.5 py-1 text-accent">
            {t("followed", { count: room.followedSpeakerCount })}
          </span>
        )}
        <span className="ml-auto text-stone-500 uppercase">{room.language}</span>
      </div>
      {room.description && <p className="mt-0.5 line-clamp-2 text-sm text-stone-600">{room.description}</p>}
      <div className="mt-3 flex items-center gap-3">
        <div className="flex -space-x-2">
          {faces.map((face) => (
            <span key={face.userId} className="relative rounded-[38%] ring-2 ring-white">
              <Avatar id={face.userId} name={face.displayName} src={face.avatarUrl} size="sm" />
              {face.realNameVerified && (
                <span className="absolute -right-1 -bottom-1 scale-75" data-testid="face-verified">
                  <VerifiedBadge />
                </span>
              )}
            </span>
          ))}
        </div>
        <p className="min-w-0 flex-1 truncate text-sm text-stone-700">
          {faces.map((face) => face.displayName).join(", ")}
          {moreOnStage > 0 && t("more", { count: moreOnStage })}
        </p>
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-stone-600">
        <span className="flex items-center gap-1" data-testid="speaker-count">
          <MicIcon className="h-4 w-4" /> {t("onStage", { count: room.speakerCount })}
        </span>
        <span className="flex items-center gap-1" data-testid="listener-count">
          <HeadphonesIcon className="h-4 w-4" /> {t("listening", { count: room.listenerCount })}
        </span>
        {room.topics.length > 0 && (
          <span className="flex flex-wrap gap-1">
            {room.topics.map((topic) => (
              <span key={topic} className="rounded-full bg-stone-100 px-2 py-0.5 text-xs text-stone-600">
                #{topic}
              </span>
            ))}
          </span>
        )}
      </div>
    </Link>
  );
}
