/** 75_000 → "1:15", 3_725_000 → "1:02:05": the clock a player shows (digits read the same everywhere). */
export function clockOf(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

/** A stable colour per speaker for the timeline bar. */
const COLOURS = [
  "bg-amber-400",
  "bg-sky-400",
  "bg-emerald-400",
  "bg-rose-400",
  "bg-violet-400",
  "bg-lime-400",
];
export function colourOf(userId: string | null, order: readonly (string | null)[]): string {
  const index = order.indexOf(userId);
  return COLOURS[(index < 0 ? 0 : index) % COLOURS.length] ?? "bg-stone-300";
}
