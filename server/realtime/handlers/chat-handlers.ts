import { defineHandler } from "../define-handler";
import { joinedRoom, type RealtimeDeps } from "../realtime-deps";
import { RoomError } from "../../rooms/room-ports";
import type { ChatService } from "../../chat/chat-service";

function chatOf(deps: RealtimeDeps): ChatService {
  if (!deps.chat) throw new RoomError("invalid_state", "This server has no chat.");
  return deps.chat;
}

/** The room's chat: every rule is the chat service's; these only find the room and the person. */
export const chatHandlers = [
  defineHandler<"chat:send", RealtimeDeps>("chat:send", async ({ socket, deps, input }) => {
    const room = await joinedRoom(socket, deps);
    return chatOf(deps).send(socket.data.actor, socket.id, room, input.text);
  }),
  defineHandler<"chat:history", RealtimeDeps>("chat:history", async ({ socket, deps, input }) => {
    const room = await joinedRoom(socket, deps);
    return chatOf(deps).history(socket.data.actor, socket.id, room, input.before);
  }),
  defineHandler<"chat:delete", RealtimeDeps>("chat:delete", async ({ socket, deps, input }) => {
    const room = await joinedRoom(socket, deps);
    await chatOf(deps).delete(socket.data.actor, socket.id, room, input.messageId);
    return {};
  }),
  defineHandler<"chat:mute", RealtimeDeps>("chat:mute", async ({ socket, deps, input }) => {
    const room = await joinedRoom(socket, deps);
    const mutedUserIds = await chatOf(deps).mute(
      socket.data.actor,
      socket.id,
      room,
      input.userId,
      input.muted,
    );
    return { mutedUserIds };
  }),
  defineHandler<"chat:set-settings", RealtimeDeps>("chat:set-settings", async ({ socket, deps, input }) => {
    const room = await joinedRoom(socket, deps);
    return chatOf(deps).setSettings(socket.data.actor, socket.id, room, input);
  }),
];
