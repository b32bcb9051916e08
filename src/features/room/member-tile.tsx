import type { Member } from "@/shared/protocol";
import { Avatar } from "@/components/avatar";
import { MicIcon } from "@/components/icons";

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
            <MicIcon off className="h-3.5 w-3.5 text-red-600" />
          </span>
        )}
      </div>
      <p className="mt-1.5 w-full truncate text-sm font-medium" title={member.displayName}>
        {member.displayName}
      </p>
      {(label || isMe) && (
        <p className="text-xs font-semibold">
          {label && <span className="text-accent">{label}</span>}
          {label && isMe && <span className="text-stone-400"> · </span>}
          {isMe && <span className="text-stone-500">You</span>}
        </p>
      )}
    </li>
  );
}
