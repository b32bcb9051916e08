"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { RoomProblem } from "./room-problems";
import { useRoomProblemText } from "./use-room-problem-text";

/** In place of the room once it is over for this person: ended by the host, or removed. */
export function EndedRoomCard({ removed, problem }: { removed: boolean; problem: RoomProblem | null }) {
  const t = useTranslations("room");
  const problemText = useRoomProblemText();
  return (
    <div className="py-10 text-center">
      <h1 className="text-2xl font-bold">{removed ? t("endedCard.removed") : t("endedCard.ended")}</h1>
      <p className="mt-2 text-stone-600">{problem ? problemText(problem) : t("endedCard.thanks")}</p>
      <Link href="/" className="mt-6 inline-block rounded-full bg-ink px-6 py-3 font-semibold text-white">
        {t("backToHallway")}
      </Link>
    </div>
  );
}
