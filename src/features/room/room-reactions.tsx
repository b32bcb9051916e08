"use client";

import { useCallback } from "react";
import type { ReactionCounts, ReactionEmoji } from "@/shared/protocol";
import { onServerEvent } from "@/lib/socket-events";
import { request } from "@/lib/socket-request";
import type { RoomConnection } from "./room-connection";
import { ReactionBar } from "./reaction-bar";
import { ReactionOverlay } from "./reaction-overlay";

/** The reaction bar and the floating reactions of a live room, on the room's socket. */
export function RoomReactions({ connection }: { connection: RoomConnection }) {
  const subscribe = useCallback(
    (listener: (counts: ReactionCounts) => void) =>
      onServerEvent(connection.socket, "room:reactions", ({ counts }) => listener(counts)),
    [connection],
  );
  const react = useCallback(
    async (emoji: ReactionEmoji) => {
      try {
        await request(connection.socket, "room:react", { emoji });
      } catch (error) {
        // A refusal (e.g. too many a second) is shown as the server's sentence.
        connection.commands.show(
          error instanceof Error ? error.message : "That reaction did not go through.",
        );
      }
    },
    [connection],
  );
  return (
    <>
      <ReactionOverlay subscribe={subscribe} />
      <ReactionBar onReact={(emoji) => void react(emoji)} />
    </>
  );
}
