import type { Member } from "../../src/shared/protocol";
import { RoomChange, refuse } from "./room-change";
import type { ApplyResult, RoomState } from "./room-state";

/**
 * Host only: start or stop recording the stage. Unlike music mode, asking for the state the room
 * is already in is refused (invalid_state): a second "start" must not look like it began a new
 * recording. The recorder itself is the shell's (the `start-recording` / `stop-recording` effects).
 */
export function setRecording(state: RoomState, self: Member, enabled: boolean): ApplyResult {
  if (self.role !== "host") return refuse("forbidden", "Only the host can start or stop recording.");
  if (state.recording === enabled)
    return refuse(
      "invalid_state",
      enabled ? "This room is already being recorded." : "This room is not being recorded.",
    );
  return new RoomChange(state)
    .setRecording(enabled)
    .effect({ type: enabled ? "start-recording" : "stop-recording" })
    .commit();
}
