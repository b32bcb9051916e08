const PALETTE = [
  "bg-rose-200 text-rose-900",
  "bg-amber-200 text-amber-900",
  "bg-emerald-200 text-emerald-900",
  "bg-sky-200 text-sky-900",
  "bg-violet-200 text-violet-900",
  "bg-lime-200 text-lime-900",
  "bg-orange-200 text-orange-900",
  "bg-teal-200 text-teal-900",
];

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters =
    parts.length > 1 ? `${parts[0]?.[0] ?? ""}${parts[parts.length - 1]?.[0] ?? ""}` : name.slice(0, 2);
  return letters.toUpperCase();
}

/** A stable colour per person, so faces are recognisable across the app. */
function paletteFor(id: string): string {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length] ?? PALETTE[0] ?? "";
}

const DIMENSIONS = {
  xl: "h-28 w-28 text-4xl",
  lg: "h-20 w-20 text-2xl",
  md: "h-16 w-16 text-xl",
  sm: "h-9 w-9 text-sm",
} as const;

/** A person's picture when they uploaded one, else their initials on their colour. */
export function Avatar({
  id,
  name,
  src = null,
  size = "md",
  speaking = false,
}: {
  id: string;
  name: string;
  src?: string | null;
  size?: keyof typeof DIMENSIONS;
  speaking?: boolean;
}) {
  const shape = `${DIMENSIONS[size]} ${speaking ? "speaking-ring" : ""} shrink-0 rounded-[38%]`;
  if (src) {
    // eslint-disable-next-line @next/next/no-img-element -- avatars are small files the app serves itself
    return <img src={src} alt="" aria-hidden className={`${shape} object-cover ring-1 ring-black/5`} />;
  }
  return (
    <div
      aria-hidden
      className={`${shape} ${paletteFor(id)} flex items-center justify-center font-semibold select-none`}
    >
      {initials(name)}
    </div>
  );
}
