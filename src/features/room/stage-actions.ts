import type { Socket } from "socket.io-client";
import type { CommandInput } from "@/shared/protocol";
import { request } from "@/lib/socket-request";

/** The protocol commands the stage UI sends (everything but joining, leaving and media). */
type StageCommandName =
  | "room:raise-hand"
  | "room:lower-hand"
  | "room:set-hand-raising"
  | "room:set-music-mode"
  | "room:set-recording"
  | "room:invite-to-speak"
  | "room:respond-to-invitation"
  | "room:mute-member"
  | "room:move-to-audience"
  | "room:set-moderator"
  | "room:transfer-host"
  | "room:remove-member";

/** One stage action: a protocol command with its input, typed together. */
export type StageAction = {
  [K in StageCommandName]: { command: K; input: CommandInput<K> };
}[StageCommandName];

/** Sends the action; throws CommandError with the server's reason on refusal. */
export async function runStageAction<K extends StageCommandName>(
  socket: Socket,
  action: { command: K; input: CommandInput<K> },
): Promise<void> {
  await request(socket, action.command, action.input);
}
