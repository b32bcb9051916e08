"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { PersonSummary } from "@/shared/protocol";
import { Avatar } from "@/components/avatar";

const profileHref = (person: PersonSummary) => (person.username ? `/u/${person.username}` : "#");

/** The host and co-hosts, each a face linking to their profile; `compact` for cards. */
export function HostFaces({
  host,
  coHosts,
  compact = false,
}: {
  host: PersonSummary;
  coHosts: PersonSummary[];
  compact?: boolean;
}) {
  const t = useTranslations("scheduling.hosts");
  const people = [host, ...coHosts];
  if (compact) {
    return (
      <div className="flex gap-1">
        {people.slice(0, 4).map((person) => (
          <Avatar key={person.id} id={person.id} name={person.displayName} src={person.avatarUrl} size="sm" />
        ))}
      </div>
    );
  }
  return (
    <ul className="flex flex-wrap gap-4" aria-label={t("label")}>
      {people.map((person, index) => (
        <li key={person.id}>
          <Link
            href={profileHref(person)}
            className="flex w-20 flex-col items-center gap-1.5 rounded-2xl p-1 text-center hover:bg-stone-50"
          >
            <Avatar id={person.id} name={person.displayName} src={person.avatarUrl} size="md" />
            <span className="w-full truncate text-sm font-medium">{person.displayName}</span>
            <span className="text-xs text-stone-500">{index === 0 ? t("host") : t("coHost")}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
