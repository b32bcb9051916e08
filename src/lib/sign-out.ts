import { z } from "zod";
import { callApi } from "./api";
import { restartAppSocket } from "./app-socket";

/**
 * Signs out: the server ends the session (and closes its sockets), and this tab reopens its
 * shared socket so nothing here keeps the old identity.
 */
export async function signOut(): Promise<void> {
  await callApi("DELETE", "/api/session", z.object({}));
  restartAppSocket();
}
