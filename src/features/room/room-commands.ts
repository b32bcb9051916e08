import type { Socket } from "socket.io-client";
import { CommandError, request } from "@/lib/socket-request";
import { refusalOf, type RoomProblem } from "./room-problems";
import type { RoomViewState } from "./room-view-state";
import { runStageAction, type StageAction } from "./stage-actions";

type ProblemPatch = Pick<RoomViewState, "problem" | "problemNeedsVerification">;

/**
 * The commands a person gives the room from its controls and sheets. A refusal is shown in the
 * problem banner (its code, read in the reader's language) rather than thrown into the UI.
 */
export class RoomCommands {
  constructor(
    private readonly socket: () => Socket,
    private readonly showProblem: (patch: ProblemPatch) => void,
    private readonly showingVerificationProblem: () => boolean,
  ) {}

  async perform(command: StageAction): Promise<void> {
    try {
      await runStageAction(this.socket(), command);
      if (this.showingVerificationProblem())
        this.showProblem({ problem: null, problemNeedsVerification: false });
    } catch (error) {
      this.showProblem({
        problem: refusalOf(error),
        problemNeedsVerification: error instanceof CommandError && error.code === "verification_required",
      });
    }
  }

  /** Pings people into this room; the answer says, per person, pinged or why not (throws CommandError if refused as a whole). */
  ping(userIds: string[]) {
    return request(this.socket(), "room:ping", { userIds });
  }

  async endRoom(): Promise<void> {
    await request(this.socket(), "room:end", {});
  }

  /**
   * Shows a problem from a feature module (reactions, chat ...) in the room's problem banner: a
   * sentence already in the reader's language, or a room problem (e.g. refusalOf(error), which
   * reads a server refusal in the reader's language).
   */
  show(problem: string | RoomProblem): void {
    this.showProblem({
      problem: typeof problem === "string" ? { kind: "text", text: problem } : problem,
      problemNeedsVerification: false,
    });
  }
}
