"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { callApi } from "@/lib/api";
import { roomStatsSchema, type AckError, type RoomStats } from "@/shared/protocol";
import { PageShell } from "@/features/accounts/page-shell";
import { BucketBars } from "./bucket-bars";
import { ListenersChart } from "./listeners-chart";
import { SpeakerBars } from "./speaker-bars";
import { bucketMinutesFor, durationParts, perBucket } from "./stats-series";

/** A live room's chart refreshes this often (the server samples every few seconds). */
const REFRESH_MS = 5000;

function useRoomStats(roomId: string) {
  const [stats, setStats] = useState<RoomStats | null>(null);
  const [error, setError] = useState<AckError | null>(null);
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      const answer = await callApi("GET", `/api/rooms/${encodeURIComponent(roomId)}/stats`, roomStatsSchema);
      if (cancelled) return;
      if (answer.ok) {
        setStats(answer.data);
        setError(null);
        if (answer.data.status === "live") timer = setTimeout(() => void load(), REFRESH_MS);
      } else setError(answer.error);
    };
    void load();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [roomId]);
  return { stats, error };
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const formatTime = (ms: number) => timeFormat.format(ms);

function formatDuration(ms: number): string {
  const { hours, minutes, seconds } = durationParts(ms);
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min ${seconds} s`;
  return `${seconds} s`;
}

function Tile({ label, value }: { label: string; value: string | number }) {
  return (
    <div className="rounded-2xl bg-white px-4 py-3 shadow-sm ring-1 ring-black/5">
      <dt className="text-xs font-medium tracking-wide text-stone-500 uppercase">{label}</dt>
      <dd className="mt-1 text-2xl font-bold text-ink tabular-nums">{value}</dd>
    </div>
  );
}

function Card({ title, hint, children }: { title: string; hint?: string; children: React.ReactNode }) {
  return (
    <section className="rounded-3xl bg-white p-4 shadow-sm ring-1 ring-black/5 sm:p-6" aria-label={title}>
      <h2 className="font-semibold text-ink">{title}</h2>
      {hint && <p className="mt-0.5 text-xs text-stone-500">{hint}</p>}
      <div className="mt-4">{children}</div>
    </section>
  );
}

/** "How the room went": listeners over time, joins and leaves, who spoke, hands and reactions. */
export function RoomStatsScreen({ roomId }: { roomId: string }) {
  const { stats, error } = useRoomStats(roomId);
  return (
    <PageShell wide>
      {() =>
        error ? (
          <section
            role="alert"
            className="rounded-3xl bg-white p-8 text-center shadow-sm ring-1 ring-black/5"
          >
            <h1 className="text-xl font-bold">Room stats</h1>
            <p className="mt-2 text-stone-600">{error.message}</p>
            <Link
              href={`/rooms/${encodeURIComponent(roomId)}`}
              className="mt-6 inline-block font-semibold text-ink underline"
            >
              Back to the room
            </Link>
          </section>
        ) : !stats ? (
          <p className="mt-10 text-center text-stone-500">Loading…</p>
        ) : (
          <StatsBody stats={stats} />
        )
      }
    </PageShell>
  );
}

function StatsBody({ stats }: { stats: RoomStats }) {
  const last = stats.samples[stats.samples.length - 1];
  const from = stats.samples[0]?.at ?? stats.startedAt ?? 0;
  const to = last ? last.at + last.spanMs : from;
  const minutes = bucketMinutesFor(from, to);
  const buckets = perBucket(stats.samples, minutes);
  const per = minutes === 1 ? "per minute" : `per ${minutes} minutes`;
  const lasted = stats.startedAt ? (stats.endedAt ?? to) - stats.startedAt : 0;
  return (
    <>
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm font-semibold tracking-wider text-stone-500 uppercase">Room stats</p>
          <h1 className="mt-1 text-2xl leading-tight font-bold break-words sm:text-3xl">{stats.title}</h1>
        </div>
        <div className="flex items-center gap-3">
          {stats.status === "live" ? (
            <span className="inline-flex items-center gap-1.5 rounded-full bg-red-50 px-3 py-1 text-sm font-semibold text-red-700 ring-1 ring-red-200">
              <span className="h-2 w-2 animate-pulse rounded-full bg-red-600" aria-hidden="true" />
              Live · updates every few seconds
            </span>
          ) : (
            <span className="rounded-full bg-stone-100 px-3 py-1 text-sm font-semibold text-stone-700">
              Ended
            </span>
          )}
          <Link
            href={`/rooms/${encodeURIComponent(stats.roomId)}`}
            className="rounded-full px-4 py-1.5 text-sm font-semibold text-ink ring-1 ring-stone-300 hover:bg-stone-50"
          >
            {stats.status === "live" ? "Back to the room" : "Room page"}
          </Link>
        </div>
      </header>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" data-testid="stats-totals">
        <Tile label="Peak listeners" value={stats.peak.listeners} />
        <Tile label="Joins" value={stats.totals.joins} />
        <Tile label="Leaves" value={stats.totals.leaves} />
        <Tile label="Hands raised" value={stats.totals.handsRaised} />
        <Tile label="Reactions" value={stats.totals.reactions} />
        <Tile label={stats.status === "live" ? "Running for" : "Lasted"} value={formatDuration(lasted)} />
      </dl>
      {stats.samples.length === 0 ? (
        <p className="rounded-3xl bg-white p-8 text-center text-stone-600 shadow-sm ring-1 ring-black/5">
          The first numbers arrive a few seconds after the room starts.
        </p>
      ) : (
        <>
          <Card title="Listeners over time" hint="The audience (not the stage); the dot marks the peak.">
            <ListenersChart
              samples={stats.samples}
              peak={stats.peak}
              label="Listeners over time"
              peakLabel={(count, at) => `Peak ${count} · ${at}`}
              formatTime={formatTime}
            />
          </Card>
          <div className="grid gap-6 lg:grid-cols-2">
            <Card title={`Joins and leaves ${per}`}>
              <BucketBars
                buckets={buckets}
                diverging
                label={`Joins and leaves ${per}`}
                formatTime={formatTime}
                series={[
                  { key: "joins", label: "Joined", className: "fill-sky-500" },
                  { key: "leaves", label: "Left", className: "fill-rose-400" },
                ]}
              />
            </Card>
            <Card title={`Hands raised and reactions ${per}`}>
              <BucketBars
                buckets={buckets}
                label={`Hands raised and reactions ${per}`}
                formatTime={formatTime}
                series={[
                  { key: "handsRaised", label: "Hands raised", className: "fill-amber-500" },
                  { key: "reactions", label: "Reactions", className: "fill-fuchsia-500" },
                ]}
              />
            </Card>
          </div>
          <Card
            title="Who spoke, and for how long"
            hint="Time as the room's loudest voice, unmuted, on stage."
          >
            {stats.speakers.length === 0 ? (
              <p className="text-sm text-stone-600">Nobody has spoken yet.</p>
            ) : (
              <SpeakerBars speakers={stats.speakers} formatDuration={formatDuration} label="Who spoke" />
            )}
          </Card>
        </>
      )}
    </>
  );
}
