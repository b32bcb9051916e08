import { mentionedUsernames } from "../../src/shared/protocol";
import type { Logger } from "../logging/logger";
import type { Notifier } from "../notifications/notification-ports";
import type { ChatRoom, ChatStore } from "./chat-ports";

/** Most people one message notifies: `@a @b @c ...` cannot become a notification spray. */
export const MENTIONS_PER_MESSAGE = 5;
const EXCERPT_LENGTH = 140;

/**
 * Notifies the people a message mentions (`@username`), through the existing notifications:
 * only accounts that exist, are not the author, could enter the room (a closed room's title is
 * not told to strangers) and have not blocked the author. Never throws into the send.
 */
export async function notifyMentions(
  deps: { store: ChatStore; notifier: Notifier; logger: Logger },
  room: ChatRoom,
  author: { userId: string; isGuest: boolean },
  text: string,
): Promise<string[]> {
  // A guest has no account to be named by in a notification.
  if (author.isGuest) return [];
  try {
    const usernames = mentionedUsernames(text, MENTIONS_PER_MESSAGE);
    if (usernames.length === 0) return [];
    const people = await deps.store.usersByUsername(usernames);
    const recipients: string[] = [];
    for (const person of people) {
      if (person.id === author.userId) continue;
      const access = await room.accessFor({ userId: person.id, isGuest: false });
      if (!access.ok) continue;
      const theirBlocks = await deps.store.blockedIdsOf(person.id);
      if (theirBlocks.includes(author.userId)) continue;
      recipients.push(person.id);
    }
    const points = Array.from(text);
    const excerpt = points.length > EXCERPT_LENGTH ? `${points.slice(0, EXCERPT_LENGTH).join("")}…` : text;
    await deps.notifier.notify(recipients, {
      kind: "chat_mention",
      actorId: author.userId,
      roomId: room.roomId,
      text: excerpt,
    });
    return recipients;
  } catch (error) {
    deps.logger.warn({ err: error, roomId: room.roomId }, "chat mentions could not be notified");
    return [];
  }
}
