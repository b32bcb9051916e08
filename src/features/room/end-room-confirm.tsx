"use client";
import { useTranslations } from "next-intl";
import { useRef } from "react";
import { SheetBackdrop } from "@/components/sheet-backdrop";
import { useDialogKeys } from "@/components/use-dialog-keys";

/**
 * "End this room for everyone?": ending is one tap away from Mute, and it cannot be undone, so it
 * asks first. Escape or a tap outside keeps the room going; focus starts on the safe choice.
 */
export function EndRoomConfirm({
  memberCount,
  onConfirm,
  onCancel,
}: {
  memberCount: number;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations("room.endConfirm");
  const keep = useRef<HTMLButtonElement>(null);
  useDialogKeys(keep, onCancel);
  const others = Math.max(0, memberCount - 1);
  return (
    <SheetBackdrop onClose={onCancel} layer="top">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="end-room-title"
        aria-describedby="end-room-text"
        className="w-full max-w-sm rounded-t-3xl bg-white p-6 shadow-xl sm:rounded-3xl"
      >
        <h2 id="end-room-title" className="text-lg font-bold">
          {t("title")}
        </h2>
        <p id="end-room-text" className="mt-1 text-stone-600">
          {others === 0 ? t("alone") : t("others", { count: others })}
        </p>
        <div className="mt-5 flex flex-col gap-2 sm:flex-row-reverse">
          <button
            type="button"
            onClick={onConfirm}
            className="rounded-full bg-red-700 px-5 py-2.5 font-semibold text-white hover:bg-red-800"
          >
            {t("confirm")}
          </button>
          <button
            ref={keep}
            type="button"
            onClick={onCancel}
            className="rounded-full bg-stone-100 px-5 py-2.5 font-semibold text-stone-700 hover:bg-stone-200"
          >
            {t("keep")}
          </button>
        </div>
      </div>
    </SheetBackdrop>
  );
}
