"use client";

import { useCallback, type RefObject } from "react";
import type { ReactionCounts } from "@/shared/protocol";
import type { RoomConnection } from "./room-connection";
import { ReactionBar } from "./reaction-bar";
import { ReactionOverlay } from "./reaction-overlay";

/** The reaction bar and the floating reactions of a live room, wired to its connection. */
export function RoomReactions({ connection }: { connection: RefObject<RoomConnection | null> }) {
  const subscribe = useCallback(
    (listener: (counts: ReactionCounts) => void) =>
      connection.current?.onReactions(listener) ?? (() => undefined),
    [connection],
  );
  return (
    <>
      <ReactionOverlay subscribe={subscribe} />
      <ReactionBar onReact={(emoji) => void connection.current?.react(emoji)} />
    </>
  );
}
