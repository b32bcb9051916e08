"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "@/i18n/error-text";
import type { HallwayQuery } from "@/shared/protocol";
import { HallwayFilters } from "./hallway-filters";
import { RoomCard } from "./room-card";
import { useHallway } from "./use-hallway";

/** Live rooms for this viewer, ranked by the server, searchable, and updated as rooms change. */
export function LiveRoomList() {
  const t = useTranslations("hallway.list");
  const errorText = useErrorText();
  const [query, setQuery] = useState<HallwayQuery>({});
  const { hallway, error } = useHallway(query);
  const filtering = Boolean(query.q?.trim() || query.topic || query.language);

  return (
    <div className="space-y-4">
      {(hallway?.rooms.length || filtering) && hallway ? (
        <HallwayFilters
          query={query}
          topics={hallway.topics}
          languages={hallway.languages}
          onChange={setQuery}
        />
      ) : null}
      {error && <p className="px-1 text-sm text-amber-800">{errorText(error)}</p>}
      {hallway === null ? (
        <p className="px-1 text-sm text-stone-500">{t("loading")}</p>
      ) : hallway.rooms.length === 0 ? (
        <div className="rounded-3xl border border-dashed border-stone-300 p-8 text-center text-stone-600">
          {filtering ? (
            <>
              <p className="font-medium">{t("noMatch")}</p>
              <button
                type="button"
                onClick={() => setQuery({})}
                className="mt-2 text-sm font-medium text-accent hover:underline"
              >
                {t("clear")}
              </button>
            </>
          ) : (
            <>
              <p className="font-medium">{t("empty")}</p>
              <p className="mt-1 text-sm">{t("emptyHint")}</p>
            </>
          )}
        </div>
      ) : (
        <ul className="space-y-3" aria-label={t("label")}>
          {hallway.rooms.map((room) => (
            <li key={room.id}>
              <RoomCard room={room} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
