"use client";
import { useEffect, type RefObject } from "react";

/** A dialog's keyboard: focus starts on `initial` (its safe choice) and Escape closes it. */
export function useDialogKeys(initial: RefObject<HTMLElement | null>, onClose: () => void): void {
  useEffect(() => {
    initial.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [initial, onClose]);
}
