"use client";
import type { RoomType } from "@/shared/protocol";

const TYPES: { type: RoomType; title: string; hint: string }[] = [
  { type: "open", title: "Open", hint: "Anyone can listen, guests too" },
  { type: "social", title: "Social", hint: "People followed by someone on stage" },
  { type: "closed", title: "Closed", hint: "Only people you invite or send the link" },
];

/** Who may come: three cards, one chosen (a radio group underneath, for keyboards and readers). */
export function RoomTypePicker({ value, onChange }: { value: RoomType; onChange: (type: RoomType) => void }) {
  return (
    <div role="radiogroup" aria-label="Who can join" className="grid gap-2 sm:grid-cols-3">
      {TYPES.map(({ type, title, hint }) => (
        <label
          key={type}
          className={`cursor-pointer rounded-2xl p-3 ring-1 transition ${value === type ? "bg-accent/10 ring-2 ring-accent" : "bg-stone-50 ring-stone-300 hover:ring-stone-400"}`}
        >
          <input
            type="radio"
            name="room-type"
            value={type}
            checked={value === type}
            onChange={() => onChange(type)}
            className="sr-only"
          />
          <span className="block font-semibold">{title}</span>
          <span className="block text-sm text-stone-600">{hint}</span>
        </label>
      ))}
    </div>
  );
}
