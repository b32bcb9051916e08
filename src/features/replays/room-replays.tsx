"use client";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { parseClipParam, roomReplaysResponseSchema, type Replay } from "@/shared/protocol";
import { callApi } from "@/lib/api";
import { ReplayManage } from "./replay-manage";
import { ReplayPlayer } from "./replay-player";

type Loaded = { status: "loading" } | { status: "none" } | { status: "ready"; replays: Replay[] };

/**
 * The replay on the page of a recorded room that ended: the newest recording the viewer may play
 * (the server decides: the room's door, and unpublished ones for the host only). While the server
 * is still mixing it, says so and looks again every few seconds. `?clip=a-b` plays just that range.
 */
export function RoomReplays({
  roomId,
  shareKey,
  clipParam,
}: {
  roomId: string;
  shareKey: string | undefined;
  /** The page's `?clip=` (checked here: longer than 60 s or malformed plays the whole replay). */
  clipParam: string | undefined;
}) {
  const t = useTranslations("replays");
  const clip = parseClipParam(clipParam);
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const load = useCallback(async () => {
    const query = shareKey ? `?key=${encodeURIComponent(shareKey)}` : "";
    const result = await callApi(
      "GET",
      `/api/rooms/${encodeURIComponent(roomId)}/replays${query}`,
      roomReplaysResponseSchema,
    );
    setLoaded(
      result.ok && result.data.replays.length > 0
        ? { status: "ready", replays: result.data.replays }
        : { status: "none" },
    );
  }, [roomId, shareKey]);
  useEffect(() => {
    void load();
  }, [load]);
  const preparing = loaded.status === "ready" && loaded.replays.some((replay) => replay.status !== "ready");
  useEffect(() => {
    if (!preparing) return;
    const timer = setInterval(() => void load(), 2500);
    return () => clearInterval(timer);
  }, [preparing, load]);

  if (loaded.status !== "ready") return null;
  const [replay] = loaded.replays;
  if (!replay) return null;
  return (
    <section
      aria-label={t("title")}
      data-testid="room-replay"
      className="mt-6 rounded-[2rem] bg-white p-5 shadow-sm ring-1 ring-black/5 sm:p-8"
    >
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-xl font-bold">{clip ? t("clipTitleShort") : t("title")}</h2>
        {!replay.published && (
          <span className="rounded-full bg-stone-100 px-3 py-1 text-xs font-semibold text-stone-700">
            {t("unpublishedBadge")}
          </span>
        )}
      </div>
      {replay.status === "ready" ? (
        <ReplayPlayer replay={replay} clip={clip} shareKey={shareKey} />
      ) : (
        <p role="status" className="text-stone-600">
          {t("preparing")}
        </p>
      )}
      {replay.canManage && !clip && <ReplayManage replay={replay} onChanged={() => void load()} />}
    </section>
  );
}
