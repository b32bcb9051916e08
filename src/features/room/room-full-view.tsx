"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { RoomProblem } from "./room-problems";
import { useRoomProblemText } from "./use-room-problem-text";

/**
 * The room (or the media capacity behind it) had no place left when this person tried to join.
 * Said plainly, with the server's own numbers, and a way to try again once someone leaves.
 */
export function RoomFullView({ message }: { message: RoomProblem | null }) {
  const t = useTranslations("room");
  const problemText = useRoomProblemText();
  return (
    <main
      className="mt-4 rounded-[2rem] bg-white p-5 py-12 text-center shadow-sm ring-1 ring-black/5 sm:p-8 sm:py-14"
      role="alert"
    >
      <h1 className="text-2xl font-bold">{t("full.title")}</h1>
      <p className="mx-auto mt-2 max-w-md text-stone-600">
        {message ? problemText(message) : t("full.fallback")}
      </p>
      <p className="mx-auto mt-1 max-w-md text-sm text-stone-500">{t("full.hint")}</p>
      <div className="mt-6 flex flex-wrap justify-center gap-3">
        <button
          type="button"
          onClick={() => window.location.reload()}
          className="rounded-full bg-accent px-6 py-3 font-semibold text-white"
        >
          {t("tryAgain")}
        </button>
        <Link href="/" className="rounded-full bg-ink px-6 py-3 font-semibold text-white">
          {t("backToHallway")}
        </Link>
      </div>
    </main>
  );
}
