import Link from "next/link";
import type { PersonSummary } from "@/shared/protocol";
import { Avatar } from "@/components/avatar";
import { VerifiedBadge } from "./verified-badge";

export function PeopleList({ people, empty }: { people: PersonSummary[]; empty: string }) {
  if (people.length === 0) return <p className="px-1 py-4 text-sm text-stone-500">{empty}</p>;
  return (
    <ul className="divide-y divide-stone-100">
      {people.map((person) => (
        <li key={person.id}>
          <Link
            href={`/u/${person.username}`}
            className="flex items-center gap-3 py-3 hover:opacity-80"
            data-testid="person"
          >
            <Avatar id={person.id} name={person.displayName} src={person.avatarUrl} size="sm" />
            <span className="min-w-0">
              <span className="flex items-center gap-1 truncate font-semibold">
                {person.displayName}
                {person.realNameVerified && <VerifiedBadge />}
              </span>
              <span className="block truncate text-sm text-stone-500">@{person.username}</span>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
