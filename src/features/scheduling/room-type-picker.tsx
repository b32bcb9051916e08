"use client";
import { useTranslations } from "next-intl";
import type { RoomType } from "@/shared/protocol";

const TYPES: RoomType[] = ["open", "social", "closed"];

/** Who may come: three cards, one chosen (a radio group underneath, for keyboards and readers). */
export function RoomTypePicker({ value, onChange }: { value: RoomType; onChange: (type: RoomType) => void }) {
  const t = useTranslations("scheduling.types");
  return (
    <div role="radiogroup" aria-label={t("label")} className="grid gap-2 sm:grid-cols-3">
      {TYPES.map((type) => (
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
          <span className="block font-semibold">{t(type)}</span>
          <span className="block text-sm text-stone-600">{t(`${type}Hint`)}</span>
        </label>
      ))}
    </div>
  );
}
