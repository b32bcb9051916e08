"use client";
import { useEffect, type RefObject } from "react";

/**
 * A dialog's first focus: its safe choice (`initial`). Escape, the focus trap and giving focus back
 * to the opener are SheetBackdrop's (useFocusTrap), for every sheet at once; `onClose` is kept for
 * the callers and for dialogs drawn without a backdrop.
 */
export function useDialogKeys(initial: RefObject<HTMLElement | null>, onClose: () => void): void {
  useEffect(() => {
    initial.current?.focus();
    const inBackdrop = Boolean(initial.current?.closest("[data-sheet-backdrop]"));
    if (inBackdrop) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [initial, onClose]);
}
