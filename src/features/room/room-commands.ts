import type { Socket } from "socket.io-client";
import { CommandError, request } from "@/lib/socket-request";
import type { RoomViewState } from "./room-view-state";
import { runStageAction, type StageAction } from "./stage-actions";

type ProblemPatch = Pick<RoomViewState, "problem" | "problemNeedsVerification">;

/**
 * The commands a person gives the room from its controls and sheets. A refusal is shown as the
 * server's sentence (e.g. "The stage is full (20 of 20).") rather than thrown into the UI.
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
        problem: error instanceof Error ? error.message : "That did not work.",
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

  /** Shows a refusal from a feature module (reactions, chat ...) in the room's problem banner. */
  show(problem: string): void {
    this.showProblem({ problem, problemNeedsVerification: false });
  }
}
