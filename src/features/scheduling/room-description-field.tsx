"use client";
import { useTranslations } from "next-intl";

/** A room's optional description (at most 280 characters, as the protocol allows), with its error. */
export function RoomDescriptionField({
  id,
  value,
  onChange,
  rows,
  error,
  labelWeight = "font-semibold",
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  rows: number;
  error?: string | undefined;
  /** Matches the other labels of the form it sits in. */
  labelWeight?: "font-medium" | "font-semibold";
}) {
  const t = useTranslations("scheduling.description");
  return (
    <div>
      <label htmlFor={id} className={`block text-sm ${labelWeight}`}>
        {t("label")} <span className="font-normal text-stone-500">{t("optional")}</span>
      </label>
      <textarea
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        maxLength={280}
        rows={rows}
        className="mt-1 w-full rounded-2xl border border-stone-300 bg-stone-50 px-4 py-3 outline-none focus:border-accent focus:ring-2 focus:ring-accent/30"
      />
      {error && <p className="mt-1 text-sm text-red-700">{error}</p>}
    </div>
  );
}
