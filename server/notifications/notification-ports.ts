/**
 * What other parts of the server may ask of notifications. Scheduling tells people who marked
 * interest that a room went live; pings come from people in a room. Implemented in this folder,
 * faked in tests of the callers.
 */
export type NotificationRequest =
  | { kind: "ping"; actorId: string; roomId: string }
  | { kind: "room_live"; actorId: string | null; roomId: string }
  /** Someone wrote `@username` in a room's chat; `text` is the message (shortened). */
  | { kind: "chat_mention"; actorId: string; roomId: string; text: string }
  /** From platform staff (server/moderation): a warning, a verification outcome; `text` is shown. */
  | {
      kind: "staff_warning" | "verification_approved" | "verification_rejected";
      actorId: string | null;
      text: string;
    };

export interface Notifier {
  /** Stores one notification per recipient and pushes it to their open tabs. Never throws for an offline recipient. */
  notify(recipientIds: readonly string[], request: NotificationRequest): Promise<void>;
}
