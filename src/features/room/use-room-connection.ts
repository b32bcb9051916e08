"use client";
import { useEffect, useRef, useState } from "react";
import { RoomConnection, type RoomViewState } from "./room-connection";

const INITIAL: RoomViewState = {
  phase: "connecting",
  snapshot: null,
  problem: null,
  micLive: false,
  micProblem: null,
  needsTapToListen: false,
  ownMusicMode: false,
  selfId: null,
  reconnectReason: null,
};

/**
 * Owns one RoomConnection for the lifetime of the room page (and leaves when the page goes).
 * `who` is the signed-in user's id, "guest" to listen without an account, or null to wait.
 */
export function useRoomConnection(roomId: string, who: string | null, shareKey?: string) {
  const [state, setState] = useState<RoomViewState>(INITIAL);
  const connection = useRef<RoomConnection | null>(null);
  useEffect(() => {
    if (who === null) return;
    const current = new RoomConnection(roomId, who === "guest" ? null : who, setState, shareKey);
    connection.current = current;
    current.start();
    return () => {
      connection.current = null;
      void current.leave();
    };
  }, [roomId, who, shareKey]);
  return { state, connection };
}
