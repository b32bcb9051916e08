"use client";
import { useEffect, useRef, type RefObject } from "react";

const FOCUSABLE = [
  "a[href]",
  "button:not([disabled])",
  "input:not([disabled]):not([type=hidden])",
  "select:not([disabled])",
  "textarea:not([disabled])",
  "[tabindex]:not([tabindex='-1'])",
].join(",");

/** The open traps, innermost last: only the top one answers Tab and Escape (a report over a sheet). */
const open: symbol[] = [];

function focusables(container: HTMLElement): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (element) => element.getClientRects().length > 0,
  );
}

/**
 * Keeps keyboard focus inside `container` while it is mounted (Tab and Shift+Tab wrap around),
 * closes on Escape, and gives focus back to whatever had it before (the button that opened the
 * sheet) when it goes. Focus starts on the first control unless something inside already has it
 * (a dialog's own safe choice, see useDialogKeys, runs after this and wins).
 */
export function useFocusTrap(container: RefObject<HTMLElement | null>, onClose: () => void): void {
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const id = Symbol("focus-trap");
    open.push(id);
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = container.current;
    if (root && !root.contains(document.activeElement)) (focusables(root)[0] ?? root).focus();

    const onKey = (event: KeyboardEvent) => {
      if (open.at(-1) !== id || !root) return;
      if (event.key === "Escape") {
        event.preventDefault();
        close.current();
        return;
      }
      if (event.key !== "Tab") return;
      const items = focusables(root);
      const first = items[0];
      const last = items.at(-1);
      if (!first || !last) {
        event.preventDefault();
        return;
      }
      const active = document.activeElement;
      if (event.shiftKey && (active === first || !root.contains(active))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (active === last || !root.contains(active))) {
        event.preventDefault();
        first.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("keydown", onKey);
      open.splice(open.indexOf(id), 1);
      // Back to the opener, unless focus already moved somewhere on purpose (not just to <body>).
      const stillInside = !document.activeElement || document.activeElement === document.body;
      if (opener?.isConnected && (stillInside || root?.contains(document.activeElement))) opener.focus();
    };
  }, [container]);
}
