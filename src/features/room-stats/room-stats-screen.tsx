"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { callApi } from "@/lib/api";
import { useErrorText } from "@/i18n/error-text";
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

/** Times of day and durations in the reader's language. */
function useStatsFormat() {
  const t = useTranslations("roomStats.duration");
  const format = useFormatter();
  return {
    time: (ms: number) => format.dateTime(ms, { hour: "2-digit", minute: "2-digit" }),
    /** For a short room's axis, where minutes alone would repeat. */
    timeWithSeconds: (ms: number) =>
      format.dateTime(ms, { hour: "2-digit", minute: "2-digit", second: "2-digit" }),
    duration: (ms: number) => {
      const parts = durationParts(ms);
      if (parts.hours > 0) return t("hours", parts);
      if (parts.minutes > 0) return t("minutes", parts);
      return t("seconds", parts);
    },
  };
}

function Tile({ label, value, testId }: { label: string; value: string | number; testId: string }) {
  return (
    <div
      className="rounded-2xl bg-white px-4 py-3 shadow-sm ring-1 ring-black/5"
      data-testid={`stat-${testId}`}
    >
      <dt className="text-xs font-medium tracking-wide text-stone-500 uppercase">{label}</dt>
      <dd className="mt-1 text-2xl font-bold whitespace-nowrap text-ink tabular-nums lg:text-xl">{value}</dd>
    </div>
  );
}

function Card({ title, hint, children }: { title: string; hint?: string; children: React.ReactNode }) {
  return (
    <section
      className="min-w-0 rounded-3xl bg-white p-4 shadow-sm ring-1 ring-black/5 sm:p-6"
      aria-label={title}
    >
      <h2 className="font-semibold text-ink">{title}</h2>
      {hint && <p className="mt-0.5 text-xs text-stone-500">{hint}</p>}
      <div className="mt-4">{children}</div>
    </section>
  );
}

/** "How the room went": listeners over time, joins and leaves, who spoke, hands and reactions. */
export function RoomStatsScreen({ roomId }: { roomId: string }) {
  const { stats, error } = useRoomStats(roomId);
  const t = useTranslations("roomStats");
  const errorText = useErrorText();
  return (
    <PageShell wide>
      {() =>
        error ? (
          <section
            role="alert"
            className="rounded-3xl bg-white p-8 text-center shadow-sm ring-1 ring-black/5"
          >
            <h1 className="text-xl font-bold">{t("title")}</h1>
            <p className="mt-2 text-stone-600">
              {error.code === "forbidden"
                ? t("forbidden")
                : error.code === "unauthorized"
                  ? t("signIn")
                  : errorText(error)}
            </p>
            <Link
              href={`/rooms/${encodeURIComponent(roomId)}`}
              className="mt-6 inline-block font-semibold text-ink underline"
            >
              {t("backToRoom")}
            </Link>
          </section>
        ) : !stats ? (
          <p className="mt-10 text-center text-stone-500">{t("loading")}</p>
        ) : (
          <StatsBody stats={stats} />
        )
      }
    </PageShell>
  );
}

function StatsBody({ stats }: { stats: RoomStats }) {
  const t = useTranslations("roomStats");
  const { time: formatTime, timeWithSeconds, duration: formatDuration } = useStatsFormat();
  const last = stats.samples[stats.samples.length - 1];
  const from = stats.samples[0]?.at ?? stats.startedAt ?? 0;
  const to = last ? last.at + last.spanMs : from;
  const minutes = bucketMinutesFor(from, to);
  const buckets = perBucket(stats.samples, minutes);
  const per = t("per", { minutes });
  const lasted = stats.startedAt ? (stats.endedAt ?? to) - stats.startedAt : 0;
  const barTitle = (at: number, first: [string, number], second: [string, number]) =>
    t("barTitle", {
      time: formatTime(at),
      first: first[0],
      firstCount: first[1],
      second: second[0],
      secondCount: second[1],
    });
  return (
    <>
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm font-semibold tracking-wider text-stone-500 uppercase">{t("title")}</p>
          <h1 className="mt-1 text-2xl leading-tight font-bold break-words sm:text-3xl">{stats.title}</h1>
        </div>
        <div className="flex items-center gap-3">
          {stats.status === "live" ? (
            <span className="inline-flex items-center gap-1.5 rounded-full bg-red-50 px-3 py-1 text-sm font-semibold text-red-700 ring-1 ring-red-200">
              <span className="h-2 w-2 animate-pulse rounded-full bg-red-600" aria-hidden="true" />
              {t("live")}
            </span>
          ) : (
            <span className="rounded-full bg-stone-100 px-3 py-1 text-sm font-semibold text-stone-700">
              {t("ended")}
            </span>
          )}
          <Link
            href={`/rooms/${encodeURIComponent(stats.roomId)}`}
            className="rounded-full px-4 py-1.5 text-sm font-semibold text-ink ring-1 ring-stone-300 hover:bg-stone-50"
          >
            {stats.status === "live" ? t("backToRoom") : t("roomPage")}
          </Link>
        </div>
      </header>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" data-testid="stats-totals">
        <Tile label={t("tiles.peak")} value={stats.peak.listeners} testId="peak" />
        <Tile label={t("tiles.joins")} value={stats.totals.joins} testId="joins" />
        <Tile label={t("tiles.leaves")} value={stats.totals.leaves} testId="leaves" />
        <Tile label={t("tiles.hands")} value={stats.totals.handsRaised} testId="hands" />
        <Tile label={t("tiles.reactions")} value={stats.totals.reactions} testId="reactions" />
        <Tile
          label={stats.status === "live" ? t("tiles.runningFor") : t("tiles.lasted")}
          value={formatDuration(lasted)}
          testId="duration"
        />
      </dl>
      {stats.samples.length === 0 ? (
        <p className="rounded-3xl bg-white p-8 text-center text-stone-600 shadow-sm ring-1 ring-black/5">
          {t("noSamples")}
        </p>
      ) : (
        <>
          <Card title={t("listeners.title")} hint={t("listeners.hint")}>
            <ListenersChart
              samples={stats.samples}
              peak={stats.peak}
              label={t("listeners.title")}
              peakLabel={(count, time) => t("listeners.peak", { count, time })}
              formatTime={to - from < 10 * 60_000 ? timeWithSeconds : formatTime}
            />
          </Card>
          <div className="grid gap-6 lg:grid-cols-2">
            <Card title={t("joinsLeaves.title", { per })}>
              <BucketBars
                buckets={buckets}
                diverging
                label={t("joinsLeaves.title", { per })}
                formatTime={formatTime}
                barTitle={barTitle}
                series={[
                  { key: "joins", label: t("joinsLeaves.joined"), className: "fill-sky-500" },
                  { key: "leaves", label: t("joinsLeaves.left"), className: "fill-rose-400" },
                ]}
              />
            </Card>
            <Card title={t("activity.title", { per })}>
              <BucketBars
                buckets={buckets}
                label={t("activity.title", { per })}
                formatTime={formatTime}
                barTitle={barTitle}
                series={[
                  { key: "handsRaised", label: t("activity.hands"), className: "fill-amber-500" },
                  { key: "reactions", label: t("activity.reactions"), className: "fill-fuchsia-500" },
                ]}
              />
            </Card>
          </div>
          <Card title={t("speakers.title")} hint={t("speakers.hint")}>
            {stats.speakers.length === 0 ? (
              <p className="text-sm text-stone-600">{t("speakers.none")}</p>
            ) : (
              <SpeakerBars
                speakers={stats.speakers}
                formatDuration={formatDuration}
                label={t("speakers.title")}
              />
            )}
          </Card>
        </>
      )}
    </>
  );
}
