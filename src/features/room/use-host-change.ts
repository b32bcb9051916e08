import { useEffect, useRef, useState } from "react";
import type { Member } from "@/shared/protocol";
import { findMember } from "./room-snapshot-reducer";
import type { RoomViewState } from "./room-view-state";

/**
 * Who just became host (hand-over or the host leaving), for a few seconds, so everyone sees the
 * change rather than having to spot a badge that moved. The first snapshot is not a change.
 */
export function useHostChange(snapshot: RoomViewState["snapshot"]): Member | null {
  const previous = useRef<string | null>(null);
  const [changedTo, setChangedTo] = useState<string | null>(null);
  const hostId = snapshot?.hostId ?? null;
  useEffect(() => {
    if (hostId === null) return;
    const before = previous.current;
    previous.current = hostId;
    if (before === null || before === hostId) return;
    setChangedTo(hostId);
    const timer = setTimeout(() => setChangedTo(null), 8000);
    return () => clearTimeout(timer);
  }, [hostId]);
  return changedTo === null || !snapshot ? null : findMember(snapshot, changedTo);
}
