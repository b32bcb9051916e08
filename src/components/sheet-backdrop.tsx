"use client";
import { useRef, type ReactNode } from "react";
import { useFocusTrap } from "./use-focus-trap";

/**
 * The dimmed backdrop of every sheet and dialog: a bottom sheet on phones, a centred card on
 * wider screens. A click on the backdrop itself (not inside the panel) closes it, and so does
 * Escape; keyboard focus stays inside while it is open and returns to the opener when it closes
 * (useFocusTrap). `layer` "top" puts it above the room's other sheets and its bottom bar.
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
  const backdrop = useRef<HTMLDivElement>(null);
  useFocusTrap(backdrop, onClose);
  return (
    <div
      ref={backdrop}
      tabIndex={-1}
      className={`fixed inset-0 ${layer === "top" ? "z-40" : "z-30"} flex items-end justify-center bg-[rgb(0_0_0/0.3)] outline-none sm:items-center dark:bg-[rgb(0_0_0/0.6)]`}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
      role="presentation"
      data-sheet-backdrop=""
    >
      {children}
    </div>
  );
}
