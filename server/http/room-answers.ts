import { fail, ok, type Ack, type CurrentUser } from "../../src/shared/protocol";
import { RoomError } from "../rooms/room-ports";
import { guestViewer, type Viewer } from "../rooms/room-directory";

/** Who is asking, as the rooms layer sees them: a signed-in person, or a visitor (a guest). */
export const viewerOf = (user: CurrentUser | null): Viewer =>
  user ? { userId: user.id, isGuest: false } : guestViewer();

/** A refusal from the rooms layer becomes its error ack; anything else is the router's `internal`. */
export async function answer<T>(work: () => Promise<T>): Promise<Ack<T>> {
  try {
    return ok(await work());
  } catch (error) {
    if (error instanceof RoomError) return fail(error.code, error.message);
    throw error;
  }
}
