import { CommandError } from "@/lib/socket-request";
import type { AccountSanctioned, AckError, BlockScope, ConnectRefusal } from "@/shared/protocol";
import type { RoomViewState } from "./room-view-state";

/**
 * What the room page has to tell people when something is wrong, as data rather than sentences:
 * the page renders it in the reader's language (useRoomProblemText). A server refusal keeps its
 * code and the server's English sentence (English readers see that, others the code's translation).
 */
export type RoomProblem =
  /** One of the room catalog's `problems.*` sentences. */
  | { kind: "room"; key: RoomProblemKey }
  /** A refusal or failure with the protocol's error code. */
  | { kind: "refusal"; error: Pick<AckError, "code" | "message"> }
  /** The server refused the connection at the door. */
  | { kind: "connect"; refusal: ConnectRefusal }
  /** Staff suspended or banned this account (until: ISO time; reason: the moderators' words). */
  | { kind: "sanctioned"; banned: boolean; reason: string | null; until: string | null }
  /** Already in the reader's language (a feature module translated it). */
  | { kind: "text"; text: string };

export type RoomProblemKey =
  "removed" | "removedBlocked" | "replaced" | "signInToJoin" | "offline" | "micSendFailed" | "receiveFailed";

type Stop = Pick<RoomViewState, "phase" | "problem">;

const room = (key: RoomProblemKey): RoomProblem => ({ kind: "room", key });

/** Any thrown thing as a refusal: a CommandError keeps its code, anything else is `internal`. */
export function refusalOf(error: unknown, fallback = "That did not work."): RoomProblem {
  if (error instanceof CommandError) return { kind: "refusal", error: error.error };
  return {
    kind: "refusal",
    error: { code: "internal", message: error instanceof Error ? error.message : fallback },
  };
}

export function removedFromRoom(blocked: BlockScope): Stop {
  return { phase: "removed", problem: room(blocked === "none" ? "removed" : "removedBlocked") };
}

export const replacedElsewhere: Stop = { phase: "replaced", problem: room("replaced") };

export const signInToJoin: Stop = { phase: "unauthorized", problem: room("signInToJoin") };

export const offline: RoomProblem = room("offline");
export const receiveFailed: RoomProblem = room("receiveFailed");

/**
 * What a failed `room:join` means for the page: a full room says so (and may open later), a room
 * that is gone or over says that, anything else is a failure with the server's sentence.
 */
export function joinFailure(error: unknown): Stop {
  const problem = refusalOf(error, "Could not join the room.");
  // Reached a server that is restarting: the socket reconnects to the next process and rejoins.
  if (error instanceof CommandError && error.code === "unavailable")
    return { phase: "reconnecting", problem };
  if (error instanceof CommandError && error.code === "room_full") return { phase: "full", problem };
  if (error instanceof CommandError && error.code === "invalid_state") return { phase: "ended", problem };
  return { phase: "failed", problem };
}

/**
 * The room's server could not take the join now (restarting, or the room is moving to another
 * server of a cluster): worth trying again in a moment on the same connection.
 */
export function joinWorthRetrying(error: unknown): boolean {
  return error instanceof CommandError && error.code === "unavailable";
}

/** Staff suspended or banned this account: the room says why and until when. */
export function accountSanctioned(notice: AccountSanctioned): Stop {
  return {
    phase: "removed",
    problem: {
      kind: "sanctioned",
      banned: notice.kind === "banned",
      reason: notice.reason,
      until: notice.until ?? null,
    },
  };
}
