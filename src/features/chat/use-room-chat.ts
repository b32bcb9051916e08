"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { AckError, ChatSettings } from "@/shared/protocol";
import { onServerEvent } from "@/lib/socket-events";
import { CommandError, request } from "@/lib/socket-request";
import type { RoomConnection } from "@/features/room/room-connection";
import {
  EMPTY_CHAT,
  fromJoin,
  withMuted,
  withNew,
  withOlder,
  withoutMessages,
  withSettings,
  type ChatState,
} from "./chat-state";

export type SendOutcome = { ok: true } | { ok: false; error: AckError; waitSeconds: number };

const asAckError = (error: unknown): AckError =>
  error instanceof CommandError ? error.error : { code: "internal", message: String(error) };

/**
 * One room's chat on the room's socket: the join brings the newest messages and the rules, the
 * server's events keep them current, and the actions send, page back, and moderate. `onScreen`
 * (the panel is visible) decides whether new messages count as unread.
 */
export function useRoomChat(
  connection: RoomConnection,
  roomId: string,
  moderates: boolean,
  onScreen: boolean,
) {
  const [chat, setChat] = useState<ChatState>(EMPTY_CHAT);
  /** When this person may send again (ms since epoch), from the answer to their last message. */
  const [nextAt, setNextAt] = useState(0);
  const onScreenRef = useRef(onScreen);
  const moderatesRef = useRef(moderates);
  const loadingOlder = useRef(false);
  useEffect(() => {
    onScreenRef.current = onScreen;
    moderatesRef.current = moderates;
    if (onScreen) setChat((state) => (state.unread === 0 ? state : { ...state, unread: 0 }));
  }, [onScreen, moderates]);

  useEffect(() => {
    const { socket } = connection;
    const stops = [
      connection.onJoined((answer) => {
        if (answer.chat) {
          const join = answer.chat;
          setChat((state) => fromJoin(join, state));
        }
      }),
      onServerEvent(socket, "chat:messages", ({ messages }) =>
        setChat((state) => withNew(state, messages, onScreenRef.current)),
      ),
      onServerEvent(socket, "chat:deleted", ({ messageIds }) =>
        setChat((state) => withoutMessages(state, messageIds)),
      ),
      onServerEvent(socket, "chat:settings", (settings) =>
        setChat((state) => withSettings(state, settings, moderatesRef.current)),
      ),
      onServerEvent(socket, "chat:you-muted", (notice) => {
        if (notice.roomId === roomId)
          setChat((state) => withMuted(state, notice.muted, moderatesRef.current));
      }),
    ];
    return () => stops.forEach((stop) => stop());
  }, [connection, roomId]);

  const send = useCallback(
    async (text: string): Promise<SendOutcome> => {
      try {
        const { message, nextInMs } = await request(connection.socket, "chat:send", { text });
        setNextAt(Date.now() + nextInMs);
        setChat((state) => withNew(state, [message], true));
        return { ok: true };
      } catch (error) {
        const failure = asAckError(error);
        // The server's sentence says the seconds left; the number is read back for our own words.
        const seconds = /(\d+) seconds?/.exec(failure.message)?.[1];
        return { ok: false, error: failure, waitSeconds: Number(seconds ?? 0) };
      }
    },
    [connection],
  );

  const loadOlder = useCallback(async () => {
    const first = chat.messages[0];
    if (!first || !chat.hasMore || loadingOlder.current) return;
    loadingOlder.current = true;
    try {
      const page = await request(connection.socket, "chat:history", { before: first.id });
      setChat((state) => withOlder(state, page));
    } catch {
      // Scrolling up again tries again.
    } finally {
      loadingOlder.current = false;
    }
  }, [chat.messages, chat.hasMore, connection]);

  const moderate = useCallback(
    async (action: "delete" | "mute" | "unmute", id: string): Promise<AckError | null> => {
      try {
        if (action === "delete") {
          await request(connection.socket, "chat:delete", { messageId: id });
          setChat((state) => withoutMessages(state, [id]));
        } else {
          const { mutedUserIds } = await request(connection.socket, "chat:mute", {
            userId: id,
            muted: action === "mute",
          });
          setChat((state) => ({ ...state, mutedUserIds }));
        }
        return null;
      } catch (error) {
        return asAckError(error);
      }
    },
    [connection],
  );

  const setSettings = useCallback(
    async (change: Partial<ChatSettings>): Promise<AckError | null> => {
      try {
        const settings = await request(connection.socket, "chat:set-settings", change);
        setChat((state) => withSettings(state, settings, moderatesRef.current));
        return null;
      } catch (error) {
        return asAckError(error);
      }
    },
    [connection],
  );

  return { chat, nextAt, send, loadOlder, moderate, setSettings };
}

export type RoomChatApi = ReturnType<typeof useRoomChat>;
