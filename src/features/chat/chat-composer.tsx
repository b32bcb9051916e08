"use client";

import { useEffect, useState, type SyntheticEvent } from "react";
import { useTranslations } from "next-intl";
import { CHAT_MAX_LENGTH } from "@/shared/protocol";
import { useErrorText } from "@/i18n/error-text";
import type { ChatState } from "./chat-state";
import type { SendOutcome } from "./use-room-chat";

/** Seconds left until `at` (ms since epoch), ticking once a second while there are any. */
function useSecondsUntil(at: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at <= Date.now()) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [at]);
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** The message box: Enter sends, Shift+Enter breaks the line; says why when writing is not possible. */
export function ChatComposer({
  chat,
  nextAt,
  onSend,
  exempt,
}: {
  chat: ChatState;
  nextAt: number;
  onSend: (text: string) => Promise<SendOutcome>;
  /** Hosts and moderators: slow mode does not hold them back. */
  exempt: boolean;
}) {
  const t = useTranslations("chat");
  const errorText = useErrorText();
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [waitUntil, setWaitUntil] = useState(0);
  const [sending, setSending] = useState(false);
  const slowWait = useSecondsUntil(
    exempt || chat.settings.slowModeSeconds === 0 ? 0 : Math.max(nextAt, waitUntil),
  );
  const length = Array.from(text.trim()).length;

  if (chat.readOnlyReason)
    return (
      <p className="border-t border-black/5 px-4 py-3 text-sm text-stone-600" role="status">
        {t(`readOnly.${chat.readOnlyReason}`)}
      </p>
    );

  async function submit(event?: SyntheticEvent) {
    event?.preventDefault();
    if (length === 0 || length > CHAT_MAX_LENGTH || sending) return;
    setSending(true);
    const outcome = await onSend(text);
    setSending(false);
    if (outcome.ok) {
      setText("");
      setProblem(null);
      return;
    }
    if (outcome.error.code === "rate_limited" && outcome.waitSeconds > 0) {
      setWaitUntil(Date.now() + outcome.waitSeconds * 1000);
      setProblem(
        chat.settings.slowModeSeconds > 0 && !exempt
          ? t("slowModeWait", { seconds: outcome.waitSeconds })
          : t("rateLimited", { seconds: outcome.waitSeconds }),
      );
      return;
    }
    setProblem(errorText(outcome.error));
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="border-t border-black/5 px-3 pt-2 pb-3">
      {(problem || slowWait > 0) && (
        <p role="alert" className="mb-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {slowWait > 0 ? t("slowModeWait", { seconds: slowWait }) : problem}
        </p>
      )}
      <div className="flex items-end gap-2">
        <label className="sr-only" htmlFor="chat-input">
          {t("placeholder")}
        </label>
        <textarea
          id="chat-input"
          rows={1}
          value={text}
          maxLength={CHAT_MAX_LENGTH * 2}
          placeholder={t("placeholder")}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              void submit();
            }
          }}
          className="max-h-32 min-h-11 flex-1 resize-none rounded-2xl border border-stone-200 bg-stone-50 px-3.5 py-2.5 text-[0.95rem] outline-none focus:border-teal-600 focus:bg-white focus:ring-2 focus:ring-teal-600/20"
        />
        <button
          type="submit"
          disabled={length === 0 || length > CHAT_MAX_LENGTH || sending}
          className="h-11 rounded-full bg-teal-700 px-4 font-semibold text-white transition hover:bg-teal-800 disabled:bg-stone-300"
        >
          {t("send")}
        </button>
      </div>
      <p
        className={`mt-1 text-right text-xs ${length > CHAT_MAX_LENGTH ? "text-red-700" : "text-stone-400"}`}
      >
        {length > CHAT_MAX_LENGTH - 100 ? t("length", { count: length, max: CHAT_MAX_LENGTH }) : "\u00A0"}
      </p>
    </form>
  );
}
