"use client";
import type { ReactNode } from "react";

/**
 * The dimmed backdrop of every sheet and dialog: a bottom sheet on phones, a centred card on
 * wider screens. A click on the backdrop itself (not inside the panel) closes it. `layer` "top"
 * puts it above the room's other sheets and its bottom bar.
 */
export function SheetBackdrop({
  onClose,
  layer = "base",
  children,
}: {
  onClose: () => void;
  layer?: "base" | "top";
  children: ReactNode;
}) {
  return (
    <div
      className={`fixed inset-0 ${layer === "top" ? "z-40" : "z-30"} flex items-end justify-center bg-black/30 sm:items-center`}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
      role="presentation"
    >
      {children}
    </div>
  );
}
