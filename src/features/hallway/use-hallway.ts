"use client";
import { useEffect, useRef, useState } from "react";
import { hallwaySchema, type Hallway, type HallwayQuery } from "@/shared/protocol";
import { callApi } from "@/lib/api";
import { watchHallway } from "@/lib/app-socket";

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
 * The hallway for this viewer, kept live: the server pushes `hallway:changed` (coalesced to at most
 * one a second) and the list is fetched again, filtered and ranked for this viewer by the server.
 * Answers to older queries are dropped, so fast typing never shows stale results.
 */
export function useHallway(query: HallwayQuery): { hallway: Hallway | null; error: string | null } {
  const [hallway, setHallway] = useState<Hallway | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const path = hallwayPath(query);

  useEffect(() => {
    let active = true;
    const load = () => {
      const ticket = ++latest.current;
      void callApi("GET", path, hallwaySchema).then((result) => {
        if (!active || ticket !== latest.current) return;
        if (result.ok) {
          setHallway(result.data);
          setError(null);
        } else setError(result.error.message);
      });
    };
    load();
    const stopWatching = watchHallway(load);
    const timer = setInterval(load, FALLBACK_REFRESH_MS);
    return () => {
      active = false;
      clearInterval(timer);
      stopWatching();
    };
  }, [path]);

  return { hallway, error };
}
