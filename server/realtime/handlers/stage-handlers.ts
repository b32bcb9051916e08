import type { RoomCommand } from "../../domain/room-state";
import { defineHandler } from "../define-handler";
import { joinedRoom, type RealtimeDeps } from "../realtime-deps";
import type { CommandSocket } from "../socket-types";

type StageCommand = Exclude<RoomCommand, { type: "join" } | { type: "leave" }>;

/** Runs a stage command in the caller's room. Who may do what to whom is decided by the machine alone. */
async function act(
  socket: CommandSocket,
  deps: RealtimeDeps,
  command: StageCommand,
): Promise<Record<string, never>> {
  const room = await joinedRoom(socket, deps);
  await room.act(socket.data.actor, socket.id, command);
  return {};
}

export const stageHandlers = [
  defineHandler<"room:raise-hand", RealtimeDeps>("room:raise-hand", ({ socket, deps }) =>
    act(socket, deps, { type: "raise-hand" }),
  ),
  defineHandler<"room:lower-hand", RealtimeDeps>("room:lower-hand", ({ socket, deps }) =>
    act(socket, deps, { type: "lower-hand" }),
  ),
  defineHandler<"room:set-hand-raising", RealtimeDeps>("room:set-hand-raising", ({ socket, deps, input }) =>
    act(socket, deps, { type: "set-hand-raising", enabled: input.enabled }),
  ),
  defineHandler<"room:set-music-mode", RealtimeDeps>("room:set-music-mode", ({ socket, deps, input }) =>
    act(socket, deps, { type: "set-music-mode", enabled: input.enabled }),
  ),
  defineHandler<"room:set-recording", RealtimeDeps>("room:set-recording", ({ socket, deps, input }) =>
    act(socket, deps, { type: "set-recording", enabled: input.enabled }),
  ),
  defineHandler<"room:invite-to-speak", RealtimeDeps>("room:invite-to-speak", ({ socket, deps, input }) =>
    act(socket, deps, { type: "invite-to-speak", userId: input.userId }),
  ),
  defineHandler<"room:respond-to-invitation", RealtimeDeps>(
    "room:respond-to-invitation",
    ({ socket, deps, input }) => act(socket, deps, { type: "respond-to-invitation", accept: input.accept }),
  ),
  defineHandler<"room:mute-member", RealtimeDeps>("room:mute-member", ({ socket, deps, input }) =>
    act(socket, deps, { type: "mute-member", userId: input.userId }),
  ),
  defineHandler<"room:move-to-audience", RealtimeDeps>("room:move-to-audience", ({ socket, deps, input }) =>
    act(socket, deps, { type: "move-to-audience", userId: input.userId }),
  ),
  defineHandler<"room:set-moderator", RealtimeDeps>("room:set-moderator", ({ socket, deps, input }) =>
    act(socket, deps, { type: "set-moderator", userId: input.userId, moderator: input.moderator }),
  ),
  defineHandler<"room:transfer-host", RealtimeDeps>("room:transfer-host", ({ socket, deps, input }) =>
    act(socket, deps, { type: "transfer-host", userId: input.userId }),
  ),
  defineHandler<"room:remove-member", RealtimeDeps>("room:remove-member", ({ socket, deps, input }) =>
    act(socket, deps, { type: "remove-member", userId: input.userId, block: input.block }),
  ),
];
