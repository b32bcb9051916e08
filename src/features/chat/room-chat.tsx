"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import type { Role } from "@/shared/protocol";
import { SheetBackdrop } from "@/components/sheet-backdrop";
import type { RoomConnection } from "@/features/room/room-connection";
import { ChatPanel } from "./chat-panel";
import { useRoomChat } from "./use-room-chat";

const DESKTOP = "(min-width: 1024px)";

function useIsDesktop(): boolean {
  const [desktop, setDesktop] = useState(false);
  useEffect(() => {
    const query = window.matchMedia(DESKTOP);
    setDesktop(query.matches);
    const changed = () => setDesktop(query.matches);
    query.addEventListener("change", changed);
    return () => query.removeEventListener("change", changed);
  }, []);
  return desktop;
}

/**
 * The room's chat backchannel: a side panel beside the room on desktop, a button (with the count
 * of unread messages) that opens a sheet on phones. One chat state for both.
 */
export function RoomChat({
  connection,
  roomId,
  selfId,
  role,
  hostId,
}: {
  connection: RoomConnection;
  roomId: string;
  selfId: string | null;
  role: Role | null;
  hostId: string | null;
}) {
  const t = useTranslations("chat");
  const desktop = useIsDesktop();
  const [open, setOpen] = useState(false);
  const moderates = role === "host" || role === "moderator";
  const api = useRoomChat(connection, roomId, moderates, desktop || open);
  const panel = (onClose?: () => void) => (
    <ChatPanel api={api} selfId={selfId} role={role} hostId={hostId} {...(onClose ? { onClose } : {})} />
  );
  if (desktop)
    return (
      <aside className="sticky top-4 mt-4 h-[calc(100dvh-13rem)] min-h-96 overflow-hidden rounded-[2rem] bg-white shadow-sm ring-1 ring-black/5">
        {panel()}
      </aside>
    );
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="fixed bottom-[calc(5.25rem+env(safe-area-inset-bottom))] left-3 z-20 flex h-12 items-center gap-2 rounded-full border border-black/5 bg-white px-4 font-semibold text-ink shadow-lg transition hover:bg-stone-50"
      >
        <span aria-hidden>💬</span>
        {t("open")}
        {api.chat.unread > 0 && (
          <span className="rounded-full bg-teal-700 px-2 py-0.5 text-xs text-white">
            {t("unread", { count: api.chat.unread })}
          </span>
        )}
      </button>
      {open && (
        // Above the reaction bar (z-40), which would otherwise float over the composer.
        <div className="relative z-50">
          <SheetBackdrop onClose={() => setOpen(false)}>
            <div className="flex h-[85dvh] w-full max-w-lg flex-col overflow-hidden rounded-t-3xl bg-white shadow-xl sm:rounded-3xl">
              {panel(() => setOpen(false))}
            </div>
          </SheetBackdrop>
        </div>
      )}
    </>
  );
}
