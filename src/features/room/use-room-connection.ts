"use client";
import { useEffect, useRef, useState } from "react";
import { RoomConnection, type RoomViewState } from "./room-connection";
import { INITIAL_ROOM_VIEW } from "./room-view-state";

/**
 * Owns one RoomConnection for the lifetime of the room page (and leaves when the page goes).
 * `who` is the signed-in user's id, "guest" to listen without an account, or null to wait.
 * `connection` is a ref for event handlers; `live` is the same connection as state (set on its
 * first change), for feature components that subscribe to the room's socket in effects.
 */
export function useRoomConnection(roomId: string, who: string | null, shareKey?: string) {
  const [state, setState] = useState<RoomViewState>(INITIAL_ROOM_VIEW);
  const [live, setLive] = useState<RoomConnection | null>(null);
  const connection = useRef<RoomConnection | null>(null);
  useEffect(() => {
    if (who === null) return;
    const current = new RoomConnection(
      roomId,
      who === "guest" ? null : who,
      (next) => {
        setState(next);
        setLive(current);
      },
      shareKey,
    );
    connection.current = current;
    current.start();
    return () => {
      connection.current = null;
      setLive(null);
      void current.leave();
    };
  }, [roomId, who, shareKey]);
  return { state, connection, live };
}
