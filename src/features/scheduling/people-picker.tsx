"use client";
import type { PersonSummary } from "@/shared/protocol";
import { Avatar } from "@/components/avatar";
import { CheckIcon } from "./schedule-icons";

/** Pick up to `max` people from a list (the people you follow), as toggleable chips with faces. */
export function PeoplePicker({
  label,
  people,
  selected,
  max,
  onChange,
}: {
  label: string;
  people: PersonSummary[];
  selected: string[];
  max: number;
  onChange: (ids: string[]) => void;
}) {
  const toggle = (id: string) =>
    onChange(
      selected.includes(id)
        ? selected.filter((s) => s !== id)
        : selected.length >= max
          ? selected
          : [...selected, id],
    );
  return (
    <ul className="flex flex-wrap gap-2" aria-label={label}>
      {people.map((person) => {
        const on = selected.includes(person.id);
        return (
          <li key={person.id}>
            <button
              type="button"
              role="checkbox"
              aria-checked={on}
              aria-label={person.displayName}
              onClick={() => toggle(person.id)}
              disabled={!on && selected.length >= max}
              className={`flex items-center gap-2 rounded-full py-1 pr-4 pl-1 text-sm font-medium transition disabled:opacity-40 ${on ? "bg-accent text-white" : "bg-stone-100 text-stone-800 hover:bg-stone-200"}`}
            >
              <Avatar id={person.id} name={person.displayName} src={person.avatarUrl} size="sm" />
              {person.displayName}
              {on && <CheckIcon />}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
