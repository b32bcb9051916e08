"use client";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { profileReplaysResponseSchema, type ProfileReplay } from "@/shared/protocol";
import { callApi } from "@/lib/api";

/** A host's published replays on their profile (only those the viewer may play); nothing if none. */
export function ProfileReplays({ username }: { username: string }) {
  const t = useTranslations("replays");
  const format = useFormatter();
  const [replays, setReplays] = useState<ProfileReplay[]>([]);
  useEffect(() => {
    let live = true;
    void callApi(
      "GET",
      `/api/users/${encodeURIComponent(username)}/replays`,
      profileReplaysResponseSchema,
    ).then((result) => {
      if (live && result.ok) setReplays(result.data.replays);
    });
    return () => {
      live = false;
    };
  }, [username]);
  if (replays.length === 0) return null;
  return (
    <section
      className="rounded-3xl bg-white p-4 shadow-sm ring-1 ring-black/5 sm:p-6"
      aria-label={t("profileTitle")}
      data-testid="profile-replays"
    >
      <h2 className="px-1 text-sm font-semibold tracking-wider text-stone-500 uppercase">
        {t("profileTitle")}
      </h2>
      <ul className="mt-2 divide-y divide-stone-100">
        {replays.map((replay) => (
          <li key={replay.id}>
            <Link
              href={`/rooms/${replay.roomId}`}
              className="flex items-center gap-3 rounded-xl px-2 py-3 hover:bg-stone-50"
            >
              <span
                aria-hidden="true"
                className="flex h-10 w-10 shrink-0 items-center justify-center rounded-full bg-amber-100 text-amber-900"
              >
                ▶
              </span>
              <span className="min-w-0 flex-1">
                <span className="block truncate font-semibold">{replay.roomTitle}</span>
                <span className="block text-sm text-stone-500">
                  {format.dateTime(new Date(replay.startedAt), { dateStyle: "medium" })} ·{" "}
                  {t("minutes", { count: Math.floor(replay.durationMs / 60_000) })}
                </span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
