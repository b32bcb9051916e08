import { CommandError } from "@/lib/socket-request";
import type { AccountSanctioned, BlockScope } from "@/shared/protocol";
import type { RoomViewState } from "./room-view-state";

/**
 * The sentences a room page shows when it cannot go on, in one place (the languages work of the
 * production issue translates them here).
 */
type Stop = Pick<RoomViewState, "phase" | "problem">;

export function removedFromRoom(blocked: BlockScope): Stop {
  return {
    phase: "removed",
    problem:
      blocked === "none"
        ? "A moderator removed you from this room."
        : "A moderator removed you from this room, and you cannot rejoin.",
  };
}

export const replacedElsewhere: Stop = {
  phase: "replaced",
  problem: "You opened this room somewhere else, so it was closed here.",
};

export const signInToJoin: Stop = { phase: "unauthorized", problem: "Sign in to join this room." };

/**
 * What a failed `room:join` means for the page: a full room says so (and may open later), a room
 * that is gone or over says that, anything else is a failure with the server's sentence.
 */
export function joinFailure(error: unknown): Stop {
  // Reached a server that is restarting: the socket reconnects to the next process and rejoins.
  if (error instanceof CommandError && error.code === "unavailable")
    return { phase: "reconnecting", problem: error.message };
  if (error instanceof CommandError && error.code === "room_full")
    return { phase: "full", problem: error.message };
  if (error instanceof CommandError && error.code === "invalid_state")
    return { phase: "ended", problem: error.message };
  if (error instanceof CommandError && error.code === "not_found")
    return { phase: "failed", problem: error.message };
  return { phase: "failed", problem: error instanceof Error ? error.message : "Could not join the room." };
}

/** Staff suspended or banned this account: the room says why and until when. */
export function accountSanctioned(notice: AccountSanctioned): Stop {
  const why = notice.reason ? ` Reason: ${notice.reason}` : "";
  const until = notice.until
    ? new Date(notice.until).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })
    : null;
  return {
    phase: "removed",
    problem:
      notice.kind === "banned"
        ? `Your account was banned by the moderators of this server.${why}`
        : `Your account was suspended until ${until ?? "further notice"}.${why}`,
  };
}
