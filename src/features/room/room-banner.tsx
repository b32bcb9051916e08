import type { ReactNode } from "react";

/** A one-line notice above the room (reconnecting, a new host, a refusal); read out by screen readers. */
export function Banner({ tone, children }: { tone: "info" | "warn"; children: ReactNode }) {
  return (
    <p
      role="status"
      className={`mt-4 rounded-2xl px-4 py-3 text-sm ${tone === "info" ? "bg-sky-50 text-sky-900" : "bg-amber-50 text-amber-900"}`}
    >
      {children}
    </p>
  );
}
