import { VERIFY_TO_SPEAK_MESSAGE } from "../../src/shared/protocol";
import type { Actor, RoomCommand } from "../domain/room-state";
import { RoomError } from "./room-ports";

/**
 * REQUIRE_VERIFIED_TO_SPEAK: nobody unverified comes on stage, by raising a hand, by being
 * invited, or by accepting an invitation. It reads the database, so the service calls it before
 * the command queues (the room never waits on it); the room's own rules stay the machine's.
 * `verified` is absent when the operator did not turn the rule on.
 */
export async function assertMaySpeak(
  verified: ((userId: string) => Promise<boolean>) | undefined,
  actor: Actor,
  command: RoomCommand,
  displayNameOf: (userId: string) => string | undefined,
): Promise<void> {
  if (!verified) return;
  const mine = command.type === "raise-hand" || (command.type === "respond-to-invitation" && command.accept);
  if (mine && !actor.isGuest && !(await verified(actor.userId)))
    throw new RoomError("verification_required", VERIFY_TO_SPEAK_MESSAGE);
  if (command.type === "invite-to-speak" && !(await verified(command.userId))) {
    const name = displayNameOf(command.userId) ?? "This person";
    throw new RoomError(
      "verification_required",
      `${name} has not verified their real name, and only verified people speak on this server. They can verify in Settings → Verification.`,
    );
  }
}
