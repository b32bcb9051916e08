"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { ChatMessage } from "@/shared/protocol";
import { Avatar } from "@/components/avatar";
import { ChatMessageText } from "./chat-message-text";

/** One message: face, name, time, text; for hosts and moderators, delete and mute beside it. */
export function ChatMessageRow({
  message,
  mine,
  moderation,
}: {
  message: ChatMessage;
  mine: boolean;
  /** Present for hosts and moderators (not on their own messages' mute). */
  moderation: {
    muted: boolean;
    canMute: boolean;
    onDelete: () => void;
    onToggleMute: () => void;
  } | null;
}) {
  const t = useTranslations("chat");
  const format = useFormatter();
  const time = format.dateTime(new Date(message.sentAt), { hour: "numeric", minute: "2-digit" });
  return (
    <li
      className="group relative flex gap-2.5 rounded-xl px-2 py-1.5 hover:bg-stone-50"
      data-message-id={message.id}
    >
      <Avatar id={message.authorId} name={message.authorName} src={message.avatarUrl} size="sm" />
      <div className="min-w-0 flex-1">
        <p className="flex items-baseline gap-2 text-sm">
          <span className={`truncate font-semibold ${mine ? "text-teal-800" : "text-ink"}`}>
            {message.authorName}
          </span>
          {moderation?.muted && (
            <span className="rounded bg-stone-200 px-1 text-[0.65rem] font-semibold uppercase text-stone-600">
              {t("mutedBadge")}
            </span>
          )}
          <time dateTime={message.sentAt} className="shrink-0 text-xs text-stone-500">
            {time}
          </time>
        </p>
        <p className="text-[0.95rem] leading-snug break-words whitespace-pre-wrap text-stone-800">
          <ChatMessageText text={message.text} />
        </p>
      </div>
      {moderation && (
        <div className="absolute top-1 right-1 flex gap-1 rounded-lg bg-white/95 p-0.5 opacity-100 shadow-sm ring-1 ring-black/5 transition sm:opacity-0 sm:group-focus-within:opacity-100 sm:group-hover:opacity-100">
          <button
            type="button"
            onClick={moderation.onDelete}
            aria-label={t("deleteFrom", { name: message.authorName })}
            className="rounded-md px-2 py-1 text-xs font-semibold text-red-700 hover:bg-red-50"
          >
            {t("delete")}
          </button>
          {moderation.canMute && (
            <button
              type="button"
              onClick={moderation.onToggleMute}
              aria-label={t(moderation.muted ? "unmuteName" : "muteName", { name: message.authorName })}
              className="rounded-md px-2 py-1 text-xs font-semibold text-stone-700 hover:bg-stone-100"
            >
              {t(moderation.muted ? "unmute" : "mute")}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
