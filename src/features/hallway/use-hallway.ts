"use client";
import { useEffect, useRef, useState } from "react";
import { hallwaySchema, type AckError, type Hallway, type HallwayQuery } from "@/shared/protocol";
import { callApi } from "@/lib/api";
import { watchHallway } from "@/lib/app-socket";
import { mergeCard, removeRoom } from "./hallway-merge";

/** A safety net for a socket that silently stopped delivering; pushes do the real work. */
const FALLBACK_REFRESH_MS = 30_000;

function hallwayPath(query: HallwayQuery): string {
  const params = new URLSearchParams();
  if (query.q?.trim()) params.set("q", query.q.trim());
  if (query.topic) params.set("topic", query.topic);
  if (query.language) params.set("language", query.language);
  const search = params.toString();
  return search ? `/api/hallway?${search}` : "/api/hallway";
}

/**
 * The hallway for this viewer, kept live. An open room's changes arrive as its card (at most one
 * a second per room) and are folded in and re-ranked here, with no request; a room not in the
 * list yet, a social or closed room changing (`hallway:changed`: who may see it differs per
 * viewer) or a reconnect makes the list be fetched again, filtered and ranked by the server.
 * Answers to older queries are dropped, so fast typing never shows stale results.
 */
export function useHallway(query: HallwayQuery): { hallway: Hallway | null; error: AckError | null } {
  const [hallway, setHallway] = useState<Hallway | null>(null);
  const [error, setError] = useState<AckError | null>(null);
  const latest = useRef(0);
  // What is on screen, for folding pushed cards in without waiting for a render.
  const shown = useRef<Hallway | null>(null);
  const path = hallwayPath(query);

  useEffect(() => {
    let active = true;
    const load = () => {
      const ticket = ++latest.current;
      void callApi("GET", path, hallwaySchema).then((result) => {
        if (!active || ticket !== latest.current) return;
        if (result.ok) {
          shown.current = result.data;
          setHallway(result.data);
          setError(null);
        } else setError(result.error);
      });
    };
    load();
    const show = (next: Hallway) => {
      shown.current = next;
      setHallway(next);
    };
    const stopWatching = watchHallway({
      refetch: load,
      card: (room) => {
        const merged = shown.current ? mergeCard(shown.current, room) : null;
        if (merged) show(merged);
        else load();
      },
      removed: (roomId) => shown.current && show(removeRoom(shown.current, roomId)),
    });
    const timer = setInterval(load, FALLBACK_REFRESH_MS);
    return () => {
      active = false;
      clearInterval(timer);
      stopWatching();
    };
  }, [path]);

  return { hallway, error };
}
