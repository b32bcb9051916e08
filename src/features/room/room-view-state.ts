import type { MicrophoneProblem } from "./microphone-problems";
import type { RoomView } from "./room-snapshot-reducer";

export type RoomPhase =
  | "connecting"
  | "joined"
  | "reconnecting"
  | "ended"
  | "replaced"
  | "removed"
  | "unauthorized"
  | "full"
  | "failed";

export type RoomViewState = {
  phase: RoomPhase;
  /** The room as this page knows it (bounded: stage, loaded audience pages, counts). */
  snapshot: RoomView | null;
  /** A sentence for people when something is wrong; null when all is well. */
  problem: string | null;
  /** The problem is the server's `verification_required`: the banner links to Settings → Verification. */
  problemNeedsVerification?: boolean;
  micLive: boolean;
  /** The speaker's microphone failed (they are muted in the room until it works); null when fine. */
  micProblem: MicrophoneProblem | null;
  needsTapToListen: boolean;
  /** This speaker switched their own microphone to music mode (the room's switch is in the snapshot). */
  ownMusicMode: boolean;
  /** Who this connection is in the room (set on join; guests learn their id here). */
  selfId: string | null;
  /** Why we are reconnecting when the server said so (a restart), shown in the reconnecting banner. */
  reconnectReason: string | null;
};

/** A room page before anything is known: connecting, nothing on stage, nothing wrong. */
export const INITIAL_ROOM_VIEW: RoomViewState = {
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
