"use client";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { useErrorText } from "@/i18n/error-text";
import { myInviteSchema, type AckError } from "@/shared/protocol";
import { callApi } from "@/lib/api";
import { useRegistrationInfo } from "@/features/accounts/use-registration-info";
import { SheetBackdrop } from "@/components/sheet-backdrop";
import { useDialogKeys } from "@/components/use-dialog-keys";

/** Copies `text`; false when the browser refuses (no permission, not a secure context). */
async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function LinkRow({
  label,
  link,
  shareText,
  testId,
}: {
  label: string;
  link: string;
  /** What the phone's share sheet says with the link, in the reader's language. */
  shareText: string;
  testId: string;
}) {
  const t = useTranslations("room.share");
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const canShare = typeof navigator !== "undefined" && "share" in navigator;
  return (
    <div>
      <p className="text-sm font-medium text-stone-700">{label}</p>
      <div className="mt-1 flex items-center gap-2">
        <input
          readOnly
          value={link}
          data-testid={testId}
          aria-label={label}
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded-2xl border border-stone-300 bg-stone-50 px-3 py-2 text-sm text-stone-700"
        />
        <button
          type="button"
          onClick={() => void copy(link).then((ok) => setCopied(ok ? "yes" : "no"))}
          className="shrink-0 rounded-full bg-ink px-4 py-2 text-sm font-semibold text-white hover:bg-black"
        >
          {copied === "yes" ? t("copied") : t("copy")}
        </button>
        {canShare && (
          <button
            type="button"
            onClick={() => void navigator.share({ text: shareText, url: link }).catch(() => undefined)}
            className="shrink-0 rounded-full px-3 py-2 text-sm font-semibold text-accent ring-1 ring-accent/30"
          >
            {t("shareNative")}
          </button>
        )}
      </div>
      <p role="status" className="mt-1 min-h-5 text-xs text-stone-500">
        {copied === "yes" && t("linkCopied")}
        {copied === "no" && t("copyRefused")}
      </p>
    </div>
  );
}

/**
 * Share this room: its link (a closed room's host gets the link with its key, which lets a
 * signed-in person in), and on an invite-only server a new member's invite that brings them
 * straight into this room after they sign up.
 */
export function ShareRoomSheet({
  roomId,
  title,
  shareKey,
  canInvite,
  onClose,
}: {
  roomId: string;
  /** The room's title, for the share texts. */
  title: string;
  /** A closed room's key, known to its host and co-hosts only. */
  shareKey: string | null;
  /** Signed in (not a guest): may spend one of their invites on this room. */
  canInvite: boolean;
  onClose: () => void;
}) {
  const t = useTranslations("room.share");
  const errorText = useErrorText();
  const registration = useRegistrationInfo();
  const [invite, setInvite] = useState<{ link: string } | { error: AckError } | null>(null);
  const close = useRef<HTMLButtonElement>(null);
  useDialogKeys(close, onClose);
  const origin = window.location.origin;
  const roomLink = `${origin}/rooms/${roomId}${shareKey ? `?key=${encodeURIComponent(shareKey)}` : ""}`;
  async function makeInvite() {
    const result = await callApi("POST", "/api/invites", myInviteSchema);
    setInvite(
      result.ok
        ? { link: `${origin}/invite/${result.data.code}?room=${encodeURIComponent(roomId)}` }
        : { error: result.error },
    );
  }
  return (
    <SheetBackdrop onClose={onClose} layer="top">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="share-room-title"
        className="w-full max-w-md space-y-4 rounded-t-3xl bg-white p-6 shadow-xl sm:rounded-3xl"
      >
        <h2 id="share-room-title" className="text-lg font-bold">
          {t("title")}
        </h2>
        <LinkRow
          label={shareKey ? t("privateLink") : t("roomLink")}
          link={roomLink}
          shareText={t("shareText", { title })}
          testId="room-share-link"
        />
        {canInvite && registration?.mode === "invite" && (
          <div className="rounded-2xl bg-stone-50 p-4">
            <p className="text-sm text-stone-700">{t("inviteOnly")}</p>
            {invite === null && (
              <button
                type="button"
                onClick={() => void makeInvite()}
                className="mt-3 rounded-full px-4 py-2 text-sm font-semibold text-accent ring-1 ring-accent/30 hover:bg-white"
              >
                {t("makeInvite")}
              </button>
            )}
            {invite && "link" in invite && (
              <div className="mt-3">
                <LinkRow
                  label={t("inviteLink")}
                  link={invite.link}
                  shareText={t("inviteText", { title })}
                  testId="room-invite-link"
                />
              </div>
            )}
            {invite && "error" in invite && (
              <p role="alert" className="mt-3 text-sm text-red-800">
                {errorText(invite.error)}
              </p>
            )}
          </div>
        )}
        <button
          ref={close}
          type="button"
          onClick={onClose}
          className="w-full rounded-full bg-stone-100 py-2.5 font-semibold text-stone-700"
        >
          {t("done")}
        </button>
      </div>
    </SheetBackdrop>
  );
}
