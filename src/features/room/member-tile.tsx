import type { Member } from "@/shared/protocol";
import { Avatar } from "@/components/avatar";

const ROLE_LABEL: Record<Member["role"], string | null> = { host: "Host", moderator: "Mod", speaker: null, listener: null };

/** One person: face, name, role badge, speaking ring and mute state. */
export function MemberTile({ member, speaking, isMe, size }: { member: Member; speaking: boolean; isMe: boolean; size: "md" | "sm" }) {
  const label = ROLE_LABEL[member.role];
  const onStage = member.role !== "listener";
  return (
    <li className="flex w-20 flex-col items-center text-center sm:w-24" data-testid="member" data-user-id={member.userId} data-role={member.role} data-muted={member.muted}>
      <div className="relative">
        <Avatar id={member.userId} name={member.displayName} size={size} speaking={speaking} />
        {onStage && member.muted && (
          <span title="Muted" className="absolute -right-1 -bottom-1 flex h-6 w-6 items-center justify-center rounded-full bg-white text-xs shadow ring-1 ring-black/10">
            <MutedIcon />
          </span>
        )}
      </div>
      <p className="mt-1.5 w-full truncate text-sm font-medium">
        {member.displayName}
        {isMe && <span className="text-stone-500"> (you)</span>}
      </p>
      {label && <p className="text-xs font-semibold text-accent">{label}</p>}
    </li>
  );
}

function MutedIcon() {
  return (
    <svg viewBox="0 0 24 24" className="h-3.5 w-3.5 fill-none stroke-red-600" strokeWidth={2.5} strokeLinecap="round" aria-label="muted">
      <path d="M9 9v3a3 3 0 0 0 5.1 2.1M15 9.3V5a3 3 0 0 0-5.9-.7M19 11a7 7 0 0 1-1.1 3.8M5 11a7 7 0 0 0 11.6 5.3M12 18v3M3 3l18 18" />
    </svg>
  );
}
