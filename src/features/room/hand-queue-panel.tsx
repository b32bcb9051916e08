"use client";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { Member } from "@/shared/protocol";
import { Avatar } from "@/components/avatar";

function waited(since: number, now: number): { minutes: number; seconds: number } {
  const seconds = Math.max(0, Math.round((now - since) / 1000));
  return { minutes: Math.floor(seconds / 60), seconds: seconds % 60 };
}

/** For hosts and moderators: raised hands in order, with how long each has waited. */
export function HandQueuePanel({
  queue,
  handRaisingEnabled,
  canToggle,
  stageFull,
  onInvite,
  onToggle,
}: {
  queue: Member[];
  handRaisingEnabled: boolean;
  canToggle: boolean;
  stageFull: boolean;
  onInvite: (userId: string) => void;
  onToggle: (enabled: boolean) => void;
}) {
  const t = useTranslations("room.hands");
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const waitingText = (w: { minutes: number; seconds: number }) =>
    w.minutes === 0 ? t("waitingSeconds", { seconds: w.seconds }) : t("waitingMinutes", w);
  return (
    <section aria-label={t("label")} className="mt-6 rounded-3xl bg-amber-50 p-4 ring-1 ring-amber-200/60">
      <div className="flex items-center justify-between gap-3">
        <h2 className="font-semibold">{t("title", { count: queue.length })}</h2>
        {canToggle && (
          <label className="flex items-center gap-2 text-sm text-stone-700">
            <input
              type="checkbox"
              checked={handRaisingEnabled}
              onChange={(event) => onToggle(event.target.checked)}
              className="h-4 w-4 accent-accent"
            />
            {t("toggle")}
          </label>
        )}
      </div>
      {!handRaisingEnabled && <p className="mt-2 text-sm text-stone-600">{t("off")}</p>}
      {queue.length === 0 && handRaisingEnabled && <p className="mt-2 text-sm text-stone-600">{t("none")}</p>}
      <ol className="mt-2 space-y-2">
        {queue.map((member) => (
          <li
            key={member.userId}
            className="flex items-center gap-3 rounded-2xl bg-white p-2.5 shadow-sm"
            data-testid="raised-hand"
            data-user-id={member.userId}
          >
            <Avatar id={member.userId} name={member.displayName} size="sm" />
            <div className="min-w-0 flex-1">
              <p className="truncate font-medium">{member.displayName}</p>
              <p className="text-xs text-stone-500">
                {member.invitedAt !== null
                  ? t("invited")
                  : waitingText(waited(member.handRaisedAt ?? now, now))}
              </p>
            </div>
            {member.invitedAt === null && (
              <button
                type="button"
                disabled={stageFull}
                onClick={() => onInvite(member.userId)}
                className="shrink-0 rounded-full bg-ink px-4 py-1.5 text-sm font-semibold whitespace-nowrap text-white disabled:opacity-40"
                title={stageFull ? t("stageFull") : undefined}
                aria-label={t("inviteLabel")}
              >
                {t.rich("invite", { wide: (chunks) => <span className="hidden sm:inline">{chunks}</span> })}
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
