"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { PingOutput } from "@/shared/protocol";
import { PingSheet } from "./ping-sheet";

/** The room's "Ping people" button and its sheet. Signed-in people with a username only. */
export function PingPeopleButton({
  username,
  memberIds,
  ping,
}: {
  username: string;
  memberIds: readonly string[];
  ping: (userIds: string[]) => Promise<PingOutput>;
}) {
  const t = useTranslations("notifications.ping");
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="rounded-full px-3 py-1 text-sm font-medium whitespace-nowrap text-accent ring-1 ring-accent/30 hover:bg-accent/5"
      >
        {t("button")}
      </button>
      {open && (
        <PingSheet
          username={username}
          memberIds={new Set(memberIds)}
          ping={ping}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
