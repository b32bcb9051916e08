import type { Member } from "@/shared/protocol";
import { Avatar } from "@/components/avatar";
import { HandIcon, MicIcon } from "@/components/icons";
import { VerifiedBadge } from "@/features/accounts/verified-badge";

// Everyone on stage says what they are: a newcomer cannot tell a speaker from the host otherwise.
const ROLE_LABEL: Record<Member["role"], string | null> = {
  host: "Host",
  moderator: "Moderator",
  speaker: "Speaker",
  listener: null,
};

/** One person: face, name, role badge, speaking ring, mute state, raised hand. Tappable when it has actions. */
export function MemberTile({
  member,
  speaking,
  isMe,
  size,
  onSelect,
}: {
  member: Member;
  speaking: boolean;
  isMe: boolean;
  size: "md" | "sm";
  onSelect?: () => void;
}) {
  const label = ROLE_LABEL[member.role];
  const onStage = member.role !== "listener";
  const body = (
    <>
      <div className="relative">
        <Avatar
          id={member.userId}
          name={member.displayName}
          src={member.avatarUrl}
          size={size}
          speaking={speaking}
        />
        {onStage && member.muted && (
          <span
            title="Muted"
            className="absolute -right-1 -bottom-1 flex h-6 w-6 items-center justify-center rounded-full bg-white shadow ring-1 ring-black/10"
          >
            <MicIcon off className="h-3.5 w-3.5 text-red-600" />
          </span>
        )}
        {member.handRaisedAt !== null && (
          <span
            title="Hand raised"
            className="absolute -top-2.5 -right-2.5 flex h-6 w-6 items-center justify-center rounded-full bg-amber-300 text-amber-950 shadow"
          >
            <HandIcon className="h-3.5 w-3.5" />
          </span>
        )}
      </div>
      <p
        // One line, cut with an ellipsis (the full name is the title): wrapped names made the stage ragged.
        className="mt-1.5 w-full truncate text-sm leading-tight font-medium"
        title={member.displayName}
      >
        {member.displayName}
        {member.realNameVerified && (
          <span className="ml-1 inline-block align-[-0.2em]">
            <VerifiedBadge />
          </span>
        )}
      </p>
      {(label || isMe || member.invitedAt !== null || member.isGuest) && (
        <p className="text-xs font-semibold">
          {label && (
            <span className={member.role === "speaker" ? "text-stone-500" : "text-accent"}>{label}</span>
          )}
          {member.invitedAt !== null && <span className="text-amber-700">Invited</span>}
          {member.isGuest && !isMe && <span className="text-stone-500">Guest</span>}
          {(label || member.invitedAt !== null) && isMe && <span className="text-stone-500"> · </span>}
          {isMe && <span className="text-stone-500">You</span>}
        </p>
      )}
    </>
  );
  return (
    <li
      className="w-[5.5rem] text-center sm:w-24"
      data-testid="member"
      data-user-id={member.userId}
      data-name={member.displayName}
      data-role={member.role}
      data-muted={member.muted}
      data-speaking={speaking}
      data-hand={member.handRaisedAt !== null}
    >
      {onSelect ? (
        <button
          type="button"
          onClick={onSelect}
          className="flex w-full flex-col items-center rounded-2xl p-1 transition hover:bg-stone-50"
        >
          {body}
          {/* Said after the visible name (not instead of it): voice control users say what they see. */}
          <span className="sr-only">: actions</span>
        </button>
      ) : (
        <div className="flex flex-col items-center p-1">{body}</div>
      )}
    </li>
  );
}
