"use client";
import { useEffect, useRef, useState } from "react";
import { RoomConnection, type RoomViewState } from "./room-connection";

const INITIAL: RoomViewState = { phase: "connecting", snapshot: null, problem: null, micLive: false, needsTapToListen: false };

/** Owns one RoomConnection for the lifetime of the room page (and leaves when the page goes). */
export function useRoomConnection(roomId: string, userId: string | null) {
  const [state, setState] = useState<RoomViewState>(INITIAL);
  const connection = useRef<RoomConnection | null>(null);
  useEffect(() => {
    if (!userId) return;
    const current = new RoomConnection(roomId, userId, setState);
    connection.current = current;
    current.start();
    return () => {
      connection.current = null;
      void current.leave();
    };
  }, [roomId, userId]);
  return { state, connection };
}
