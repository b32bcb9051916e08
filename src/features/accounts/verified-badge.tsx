/** "Real name verified" (set by an admin). */
export function VerifiedBadge() {
  return (
    <span
      title="Real name verified"
      aria-label="Real name verified"
      className="inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full bg-accent text-[11px] text-white"
    >
      ✓
    </span>
  );
}
