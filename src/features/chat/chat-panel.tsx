"use client";

import { useLayoutEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { CHAT_SLOW_MODE_SECONDS, type ChatSlowMode, type Role } from "@/shared/protocol";
import type { AckError } from "@/shared/protocol";
import { useErrorText } from "@/i18n/error-text";
import { ChatComposer } from "./chat-composer";
import { ChatMessageRow } from "./chat-message-row";
import type { RoomChatApi } from "./use-room-chat";

/** Near the top by this much, the next older page is asked for. */
const LOAD_OLDER_PX = 80;

/**
 * The chat itself (the desktop panel and the phone sheet show the same): the rules strip for hosts
 * and moderators, the messages (newest at the bottom, older ones paged in as you scroll up), the
 * composer.
 */
export function ChatPanel({
  api,
  selfId,
  role,
  hostId,
  onClose,
}: {
  api: RoomChatApi;
  selfId: string | null;
  role: Role | null;
  hostId: string | null;
  onClose?: () => void;
}) {
  const t = useTranslations("chat");
  const { chat } = api;
  const moderates = role === "host" || role === "moderator";
  const list = useRef<HTMLDivElement>(null);
  const errorText = useErrorText();
  const [problem, setProblem] = useState<string | null>(null);
  // Keeps the view still when older messages come in above, and follows the bottom when at it.
  const anchor = useRef<{ firstId: string | undefined; height: number; atBottom: boolean }>({
    firstId: undefined,
    height: 0,
    atBottom: true,
  });
  useLayoutEffect(() => {
    const element = list.current;
    if (!element) return;
    const before = anchor.current;
    const firstId = chat.messages[0]?.id;
    if (before.firstId !== undefined && firstId !== before.firstId && !before.atBottom)
      element.scrollTop += element.scrollHeight - before.height;
    else if (before.atBottom) element.scrollTop = element.scrollHeight;
    anchor.current = { firstId, height: element.scrollHeight, atBottom: before.atBottom };
  }, [chat.messages]);

  const onScroll = () => {
    const element = list.current;
    if (!element) return;
    anchor.current.atBottom = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
    anchor.current.height = element.scrollHeight;
    if (element.scrollTop < LOAD_OLDER_PX) void api.loadOlder();
  };
  const act = async (result: Promise<AckError | null>) => {
    const error = await result;
    setProblem(error ? errorText(error) : null);
  };

  return (
    <section aria-label={t("title")} className="flex h-full min-h-0 flex-col">
      <header className="border-b border-black/5 px-4 py-3">
        <div className="flex items-center justify-between gap-2">
          <div className="min-w-0">
            <h2 className="font-display text-lg font-semibold text-ink">{t("title")}</h2>
            {chat.settings.slowModeSeconds > 0 && (
              <p className="text-xs text-stone-500">
                {t("slowModeOn", { seconds: chat.settings.slowModeSeconds })}
              </p>
            )}
          </div>
          {onClose && (
            <button
              type="button"
              onClick={onClose}
              aria-label={t("close")}
              className="grid h-9 w-9 shrink-0 place-items-center rounded-full text-stone-500 hover:bg-stone-100"
            >
              ✕
            </button>
          )}
        </div>
        {moderates && (
          <div className="mt-2 flex flex-wrap items-center gap-2">
            {role === "host" && (
              <label className="flex items-center gap-1.5 text-xs font-medium whitespace-nowrap text-stone-600">
                {t("slowMode")}
                <select
                  value={chat.settings.slowModeSeconds}
                  onChange={(event) =>
                    void act(api.setSettings({ slowModeSeconds: Number(event.target.value) as ChatSlowMode }))
                  }
                  className="rounded-lg border border-stone-200 bg-white px-1.5 py-1 text-xs"
                >
                  {CHAT_SLOW_MODE_SECONDS.map((seconds) => (
                    <option key={seconds} value={seconds}>
                      {seconds === 0 ? t("slowModeOff") : t("seconds", { seconds })}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <button
              type="button"
              aria-pressed={!chat.settings.enabled}
              onClick={() => void act(api.setSettings({ enabled: !chat.settings.enabled }))}
              className="ml-auto rounded-full bg-stone-100 px-3 py-1.5 text-xs font-semibold whitespace-nowrap text-stone-700 hover:bg-stone-200"
            >
              {chat.settings.enabled ? t("turnOff") : t("turnOn")}
            </button>
          </div>
        )}
      </header>
      {!chat.settings.enabled && (
        <p className="bg-stone-100 px-4 py-2 text-xs text-stone-600">{t("offNotice")}</p>
      )}
      {problem && (
        <p role="alert" className="bg-red-50 px-4 py-2 text-xs text-red-800">
          {problem}
        </p>
      )}
      <div
        ref={list}
        onScroll={onScroll}
        className="min-h-0 flex-1 overflow-y-auto px-2 py-2"
        data-testid="chat-list"
      >
        {chat.joined && !chat.hasMore && chat.messages.length > 0 && (
          <p className="px-2 py-2 text-center text-xs text-stone-400">{t("beginning")}</p>
        )}
        {chat.hasMore && <p className="px-2 py-2 text-center text-xs text-stone-400">{t("loadingOlder")}</p>}
        {chat.joined && chat.messages.length === 0 && (
          <p className="px-4 py-10 text-center text-sm text-stone-500">{t("empty")}</p>
        )}
        <ul className="space-y-0.5">
          {chat.messages.map((message) => {
            const muted = chat.mutedUserIds.includes(message.authorId);
            return (
              <ChatMessageRow
                key={message.id}
                message={message}
                mine={message.authorId === selfId}
                moderation={
                  moderates
                    ? {
                        muted,
                        canMute: message.authorId !== selfId && message.authorId !== hostId,
                        onDelete: () => void act(api.moderate("delete", message.id)),
                        onToggleMute: () =>
                          void act(api.moderate(muted ? "unmute" : "mute", message.authorId)),
                      }
                    : null
                }
              />
            );
          })}
        </ul>
      </div>
      <ChatComposer chat={chat} nextAt={api.nextAt} onSend={api.send} exempt={moderates} />
    </section>
  );
}
