const PALETTE = ["bg-rose-200 text-rose-900", "bg-amber-200 text-amber-900", "bg-emerald-200 text-emerald-900", "bg-sky-200 text-sky-900", "bg-violet-200 text-violet-900", "bg-lime-200 text-lime-900", "bg-orange-200 text-orange-900", "bg-teal-200 text-teal-900"];

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? `${parts[0]?.[0] ?? ""}${parts[parts.length - 1]?.[0] ?? ""}` : name.slice(0, 2);
  return letters.toUpperCase();
}

/** A stable colour per person, so faces are recognisable across the app. */
function paletteFor(id: string): string {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length] ?? PALETTE[0] ?? "";
}

export function Avatar({ id, name, size = "md", speaking = false }: { id: string; name: string; size?: "sm" | "md" | "lg"; speaking?: boolean }) {
  const dimension = size === "lg" ? "h-20 w-20 text-2xl" : size === "md" ? "h-16 w-16 text-xl" : "h-9 w-9 text-sm";
  return (
    <div
      aria-hidden
      className={`${dimension} ${paletteFor(id)} ${speaking ? "speaking-ring" : ""} flex shrink-0 items-center justify-center rounded-[38%] font-semibold select-none`}
    >
      {initials(name)}
    </div>
  );
}
